/**
 * Depth maps as 3D geometry: camera models ({@link org.depthfm.ops.geometry.Pinhole},
 * {@link org.depthfm.ops.geometry.Orthographic}) and the depth's scale and relative-depth rule
 * ({@link org.depthfm.ops.geometry.Projection}); point clouds
 * ({@link org.depthfm.ops.geometry.PointClouds}), indexed triangle meshes that leave depth
 * discontinuities open ({@link org.depthfm.ops.geometry.Meshes}) and surface normals and normal
 * maps ({@link org.depthfm.ops.geometry.Normals}), as compact arrays
 * ({@link org.depthfm.ops.geometry.PointCloud}, {@link org.depthfm.ops.geometry.Mesh}). Writers
 * for PLY, OBJ and STL are in {@code org.depthfm.ops.geometry.io}.
 *
 * <p>Points are in the camera frame: X right, Y down (the image's axes), Z away from the camera.
 * Everything is single-threaded and deterministic; inputs are read, never modified.
 *
 * <p>Imports: ImgLib2, the JDK and {@code org.depthfm.ops} (the shared checks); not the
 * {@code io} package.
 */
package org.depthfm.ops.geometry;
