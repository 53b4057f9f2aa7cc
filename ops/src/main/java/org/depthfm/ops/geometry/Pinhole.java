package org.depthfm.ops.geometry;

/**
 * A pinhole camera in pixel units (no lens distortion). Pixel {@code (i, j)} is the square
 * {@code [i, i+1) x [j, j+1)}, so its centre is {@code u = i + 0.5, v = j + 0.5} and the image's
 * centre is {@code (w/2, h/2)}, the principal point every factory uses. A depth {@code Z}, the
 * distance along the optical axis (not along the ray), back-projects to
 * <pre>
 *   X = (u - cx) * Z / fx,   Y = (v - cy) * Z / fy,   Z = Z
 * </pre>
 * Only {@code Z > 0} is in front of the camera; other depths are dropped. A triangle's jump
 * ({@link #jump}) is {@code max(Z) / min(Z) - 1}: how much farther its far corner is than its near
 * one, independent of the depth's unit.
 *
 * @param fx the focal length along X, in pixels
 * @param fy the focal length along Y, in pixels (equal to {@code fx} for square pixels)
 * @param cx the principal point's X, in pixels from the left edge
 * @param cy the principal point's Y, in pixels from the top edge
 */
public record Pinhole(double fx, double fy, double cx, double cy) implements Camera {
    /** The diagonal of a 36 x 24 mm frame, the reference of 35 mm-equivalent focal lengths. */
    public static final double FULL_FRAME_DIAGONAL_MM = Math.hypot(36, 24);

    /**
     * Checks the parameters.
     *
     * @param fx the focal length along X, in pixels
     * @param fy the focal length along Y, in pixels (equal to {@code fx} for square pixels)
     * @param cx the principal point's X, in pixels from the left edge
     * @param cy the principal point's Y, in pixels from the top edge
     * @throws IllegalArgumentException if a focal length is not positive and finite or the
     *         principal point is not finite
     */
    public Pinhole {
        if (!(fx > 0 && fy > 0 && fx < Double.POSITIVE_INFINITY && fy < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the pinhole focal lengths must be positive and finite but are fx = "
                    + fx + ", fy = " + fy + " pixels; give them in pixels or use a factory (fromFocalLength, "
                    + "from35mmEquivalent, fromHorizontalFieldOfView)");
        }
        if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("the pinhole principal point must be finite but is (" + cx + ", " + cy
                    + "); use the image centre (width / 2, height / 2)");
        }
    }

    /**
     * A centred camera with square pixels from the lens's focal length and the sensor's width:
     * {@code fx = fy = focalLength / sensorWidth * width}, {@code cx = width / 2},
     * {@code cy = height / 2}.
     *
     * @param focalLengthMm the real focal length, in mm (as in the EXIF FocalLength tag)
     * @param sensorWidthMm the sensor's width, in mm, of the area the image covers
     * @param width the image width, in pixels
     * @param height the image height, in pixels
     * @return the camera
     * @throws IllegalArgumentException if a length is not positive and finite or a size is below 1
     */
    public static Pinhole fromFocalLength(double focalLengthMm, double sensorWidthMm, long width, long height) {
        requirePositive("focal length (mm)", focalLengthMm);
        requirePositive("sensor width (mm)", sensorWidthMm);
        requireSize(width, height);
        return centred(focalLengthMm / sensorWidthMm * width, width, height);
    }

    /**
     * A centred camera with square pixels from a 35 mm-equivalent focal length, by the diagonal
     * convention: the image diagonal corresponds to the 36 x 24 mm frame's diagonal
     * ({@link #FULL_FRAME_DIAGONAL_MM}, about 43.27 mm), so
     * {@code fx = fy = f35 / sqrt(36^2 + 24^2) * sqrt(width^2 + height^2)}. This is exact for any
     * aspect ratio when the crop factor was defined on the diagonal, as the EXIF
     * FocalLengthIn35mmFilm tag is.
     *
     * @param focalLength35mm the 35 mm-equivalent focal length, in mm
     * @param width the image width, in pixels
     * @param height the image height, in pixels
     * @return the camera
     * @throws IllegalArgumentException if the focal length is not positive and finite or a size is
     *         below 1
     */
    public static Pinhole from35mmEquivalent(double focalLength35mm, long width, long height) {
        requirePositive("35 mm-equivalent focal length (mm)", focalLength35mm);
        requireSize(width, height);
        return centred(focalLength35mm / FULL_FRAME_DIAGONAL_MM * Math.hypot(width, height), width, height);
    }

    /**
     * A centred camera with square pixels from the horizontal field of view:
     * {@code fx = fy = (width / 2) / tan(fov / 2)}.
     *
     * @param degrees the angle between the left and right image edges, in degrees, in (0, 180)
     * @param width the image width, in pixels
     * @param height the image height, in pixels
     * @return the camera
     * @throws IllegalArgumentException if the angle is outside (0, 180) or a size is below 1
     */
    public static Pinhole fromHorizontalFieldOfView(double degrees, long width, long height) {
        if (!(degrees > 0 && degrees < 180)) {
            throw new IllegalArgumentException("the horizontal field of view must be in (0, 180) degrees but is "
                    + degrees + "; give the full angle between the left and right edges");
        }
        requireSize(width, height);
        return centred(width / 2.0 / Math.tan(Math.toRadians(degrees) / 2), width, height);
    }

    @Override
    public void backProject(double i, double j, double z, double[] xyz) {
        xyz[0] = (i + 0.5 - cx) * z / fx;
        xyz[1] = (j + 0.5 - cy) * z / fy;
        xyz[2] = z;
    }

    @Override
    public boolean sees(double z) {
        return z > 0;
    }

    @Override
    public double jump(double zNear, double zFar, double zRange) {
        return zFar / zNear - 1;
    }

    private static Pinhole centred(double focal, long width, long height) {
        return new Pinhole(focal, focal, width / 2.0, height / 2.0);
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the " + what + " must be positive and finite but is " + value);
        }
    }

    private static void requireSize(long width, long height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the image size must be at least 1x1 pixels but is " + width + "x"
                    + height + "; pass the depth image's width and height");
        }
    }
}
