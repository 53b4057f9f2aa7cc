/**
 * Image maths around the DepthFM engine, as static functions over ImgLib2: the argument checks and
 * the pointwise loop the ops share ({@link org.depthfm.ops.Checks}, {@link org.depthfm.ops.Pointwise});
 * the ops themselves live in the sub-packages
 * {@code convert}, {@code resample}, {@code depth}, {@code align}, {@code metrics}, {@code sparse},
 * {@code completion}, {@code tiles} (tiled refinement at full resolution) and {@code geometry}
 * (point clouds, meshes and normals; {@code geometry.io}: PLY, OBJ, STL). Imports ImgLib2, the JDK
 * and org.depthfm.base (progress and cancel) only: no DJL, no ImageJ, no other DepthFM module.
 */
package org.depthfm.ops;
