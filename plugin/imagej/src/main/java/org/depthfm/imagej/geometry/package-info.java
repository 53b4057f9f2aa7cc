/**
 * 3D export of ImageJ images: a depth image (with its colour source, uncertainty and mask) and a
 * camera chosen from the image's calibration, a focal length or the photo's EXIF, turned into the
 * point clouds, meshes and normal maps of {@code org.depthfm.ops.geometry} and written as PLY, OBJ
 * or STL files. Shared by the command line and the Fiji commands. May import ImageJ 1, ImgLib2,
 * org.depthfm.ops (geometry and its io) and org.depthfm.base; no SciJava, no picocli.
 */
package org.depthfm.imagej.geometry;
