package org.depthfm.ops.geometry;

/**
 * Points in compact arrays, one entry (or three) per point in the same order; the arrays are the
 * cloud's own, not copied, and a record's {@code equals} compares them by identity. Colours are
 * unsigned bytes (read with {@code Byte.toUnsignedInt}). A normal is a unit vector toward the
 * camera, or {@code (0, 0, 0)} where the surface around the point gives none (a point without a
 * kept neighbour along a row or a column). No value is NaN except an uncertainty that was NaN in
 * the input.
 *
 * @param xyz x, y, z of each point, {@code 3 * count}
 * @param rgb red, green, blue of each point, {@code 3 * count}, or null
 * @param normals nx, ny, nz of each point, {@code 3 * count}, or null
 * @param uncertainty one value per point, {@code count}, or null
 * @param projection how the points were made: unit, camera, relative or not
 */
public record PointCloud(float[] xyz, byte[] rgb, float[] normals, float[] uncertainty, Projection projection) {

    /**
     * Checks that the arrays agree.
     *
     * @param xyz x, y, z of each point, {@code 3 * count}
     * @param rgb red, green, blue of each point, {@code 3 * count}, or null
     * @param normals nx, ny, nz of each point, {@code 3 * count}, or null
     * @param uncertainty one value per point, {@code count}, or null
     * @param projection how the points were made: unit, camera, relative or not
     * @throws IllegalArgumentException if an array's length does not fit the point count or the
     *         projection is missing
     */
    public PointCloud {
        if (xyz == null || xyz.length % 3 != 0) {
            throw new IllegalArgumentException("xyz must hold 3 values per point but has "
                    + (xyz == null ? "none" : xyz.length + " values"));
        }
        int count = xyz.length / 3;
        requireLength("rgb", rgb == null ? -1 : rgb.length, 3 * count);
        requireLength("normals", normals == null ? -1 : normals.length, 3 * count);
        requireLength("uncertainty", uncertainty == null ? -1 : uncertainty.length, count);
        if (projection == null) {
            throw new IllegalArgumentException("a point cloud needs the projection it was made with");
        }
    }

    /** @return the number of points */
    public int count() {
        return xyz.length / 3;
    }

    /** @return true if the points come from relative depth and have no true scale */
    public boolean relative() {
        return projection.relative();
    }

    private static void requireLength(String what, int length, int expected) {
        if (length >= 0 && length != expected) {
            throw new IllegalArgumentException(what + " must hold " + expected + " values for " + expected / 3
                    + " points but has " + length + "; pass null when there is none");
        }
    }
}
