package org.depthfm.ops.geometry;

/**
 * A parallel projection for calibrated images (micrographs, height maps): pixel {@code (i, j)}
 * with depth {@code z} is the point
 * <pre>
 *   x = i * pixelWidth,   y = j * pixelHeight,   z = z
 * </pre>
 * all in one unit, the depth's. Pixel {@code i} sits at {@code i * pixelWidth} as in ImageJ's
 * calibrated coordinates (origin 0), so exported points line up with the image's measurements.
 * Every finite depth is seen, negative ones too. There is no camera position, so a triangle's
 * jump ({@link #jump}) is its depth span relative to the surface's depth range,
 * {@code (max(z) - min(z)) / zRange}, which, unlike the pinhole's ratio, needs no origin of z.
 *
 * @param pixelWidth the pixel's width, in {@code unit}
 * @param pixelHeight the pixel's height, in {@code unit}
 * @param unit the unit of x, y and z, for example {@code µm}
 */
public record Orthographic(double pixelWidth, double pixelHeight, String unit) implements Camera {
    /** The unit of {@link #pixels()}. */
    public static final String PIXEL = "pixel";

    /**
     * Checks the parameters.
     *
     * @param pixelWidth the pixel's width, in {@code unit}
     * @param pixelHeight the pixel's height, in {@code unit}
     * @param unit the unit of x, y and z, for example {@code µm}
     * @throws IllegalArgumentException if a pixel size is not positive and finite or the unit is
     *         blank or not one line
     */
    public Orthographic {
        if (!(pixelWidth > 0 && pixelHeight > 0 && pixelWidth < Double.POSITIVE_INFINITY
                && pixelHeight < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the pixel size must be positive and finite but is " + pixelWidth
                    + " x " + pixelHeight + "; take it from the image's calibration, or use Orthographic.pixels()");
        }
        Projection.requireUnit(unit);
    }

    /**
     * The uncalibrated projection: one pixel is one unit, {@value #PIXEL}.
     *
     * @return {@code new Orthographic(1, 1, "pixel")}
     */
    public static Orthographic pixels() {
        return new Orthographic(1, 1, PIXEL);
    }

    @Override
    public void backProject(double i, double j, double z, double[] xyz) {
        xyz[0] = i * pixelWidth;
        xyz[1] = j * pixelHeight;
        xyz[2] = z;
    }

    @Override
    public boolean sees(double z) {
        return true;
    }

    @Override
    public double jump(double zNear, double zFar, double zRange) {
        return zFar == zNear ? 0 : (zFar - zNear) / zRange;
    }
}
