package org.depthfm.ops.geometry;

/**
 * How a pixel and its depth become a point. Points are in the camera's frame, the image's own
 * axes: X to the right along a row, Y down along a column, Z away from the camera (the OpenCV
 * frame; a viewer with Y up shows the result upside down until it is turned 180 degrees about X).
 * Pixels are addressed by their zero-based index {@code (i, j)} in the depth image; block exports
 * pass a block's centre, which may be fractional.
 */
public sealed interface Camera permits Pinhole, Orthographic {

    /**
     * The point of a pixel at a depth.
     *
     * @param i the pixel's column index, from 0 at the left edge
     * @param j the pixel's row index, from 0 at the top edge
     * @param z the depth, as the camera's equations define it
     * @param xyz receives X, Y and Z in its first three elements
     */
    void backProject(double i, double j, double z, double[] xyz);

    /**
     * Whether a depth can be seen at all; depths that cannot are dropped like NaN.
     *
     * @param z the depth
     * @return true if a point at that depth is in front of the camera
     */
    boolean sees(double z);

    /**
     * The relative depth jump between the nearest and farthest corner of a mesh triangle, the
     * quantity that {@link Meshes} compares with {@link GeometryOptions#maxRelativeJump()}.
     *
     * @param zNear the smallest depth of the corners (seen by this camera)
     * @param zFar the largest depth of the corners
     * @param zRange the depth range of the whole surface, {@code zMax - zMin} over its points
     * @return the jump, 0 for equal depths
     */
    double jump(double zNear, double zFar, double zRange);
}
