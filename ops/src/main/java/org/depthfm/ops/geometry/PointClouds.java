package org.depthfm.ops.geometry;

/**
 * A depth image as a point cloud: one point per kept pixel, or per pixel block with at least one
 * kept pixel ({@link GeometryOptions} says which pixels are kept). A block's point is the mean
 * depth of its kept pixels at the block's centre, with their mean colour and uncertainty. Points
 * come in raster order (X fastest). NaN and infinite depths are never kept.
 */
public final class PointClouds {
    private PointClouds() {
    }

    /**
     * Every pixel with a finite depth the camera sees, with normals.
     *
     * @param surface the depth and its companions
     * @param projection the camera and depth scale
     * @return the points
     * @throws IllegalArgumentException as {@link #build(Surface, Projection, GeometryOptions)}
     */
    public static PointCloud build(Surface surface, Projection projection) {
        return build(surface, projection, GeometryOptions.DEFAULTS);
    }

    /**
     * The kept pixels or blocks as points.
     *
     * @param surface the depth and its companions
     * @param projection the camera and depth scale
     * @param options the filters, block size and whether to compute normals
     * @return the points, with colours, normals and uncertainty where the surface and options have them
     * @throws IllegalArgumentException if an uncertainty threshold is set without an uncertainty
     *         image, or the cloud would be too large for arrays
     */
    public static PointCloud build(Surface surface, Projection projection, GeometryOptions options) {
        Grid grid = Grid.of(surface, projection, options);
        int[] index = new int[grid.width * grid.height];
        int count = 0;
        for (int cell = 0; cell < index.length; cell++) {
            index[cell] = grid.valid(cell) ? count++ : -1;
        }
        return grid.cloud(index, count, options.normals());
    }
}
