package org.depthfm.ops.geometry;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * How a depth image becomes 3D: a camera, the scale from depth values to its {@code z}
 * ({@code z = zScale * depth}), the unit of the points, and whether the depth is relative.
 *
 * <p>Metric depth (known units, for example after completion with known depths or from a
 * calibrated instrument) uses scale 1: {@link #metric(Pinhole, String)},
 * {@link #metric(Orthographic)}. Relative depth (DepthFM's own output, defined only up to scale
 * and shift) has no true size, so {@link #relative(RandomAccessibleInterval, double)} places it
 * under {@link Orthographic#pixels()} and scales it so that its range spans a stated fraction of
 * the image width ({@link #relativeZScale}, default {@value #DEFAULT_RELATIVE_FRACTION}): a relief
 * that looks plausible instead of a sliver or a spike. Exports carry the {@link #relative()} flag and
 * say so in their files ({@link #describe()}). The depth must grow with distance: the
 * {@code DEPTH} output, not {@code INVERTED_DEPTH} or {@code DISPARITY}.
 *
 * @param camera the camera
 * @param zScale the factor from depth values to {@code z}, positive
 * @param unit the unit of the points (for an orthographic camera, its own unit)
 * @param relative true if the depth has no true scale
 */
public record Projection(Camera camera, double zScale, String unit, boolean relative) {
    /** The default fraction of the image width that a relative depth's range spans. */
    public static final double DEFAULT_RELATIVE_FRACTION = 0.5;

    /**
     * Checks the parameters.
     *
     * @param camera the camera
     * @param zScale the factor from depth values to {@code z}, positive
     * @param unit the unit of the points (for an orthographic camera, its own unit)
     * @param relative true if the depth has no true scale
     * @throws IllegalArgumentException if the camera is missing, the scale is not positive and
     *         finite, the unit is blank or not one line, or an orthographic camera has another unit
     */
    public Projection {
        if (camera == null) {
            throw new IllegalArgumentException("the projection needs a camera; use Pinhole or Orthographic");
        }
        if (!(zScale > 0 && zScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the depth scale must be positive and finite but is " + zScale
                    + "; use 1 for metric depth or Projection.relative for relative depth");
        }
        requireUnit(unit);
        if (camera instanceof Orthographic orthographic && !orthographic.unit().equals(unit)) {
            throw new IllegalArgumentException("an orthographic camera in " + orthographic.unit()
                    + " cannot give points in " + unit + "; x, y and z share one unit: use Projection.metric(camera)");
        }
    }

    /**
     * Metric depth under a pinhole: {@code z = depth}.
     *
     * @param camera the camera
     * @param depthUnit the depth's unit, which the points keep, for example {@code m}
     * @return the projection
     * @throws IllegalArgumentException if the unit is blank or not one line
     */
    public static Projection metric(Pinhole camera, String depthUnit) {
        return new Projection(camera, 1, depthUnit, false);
    }

    /**
     * Metric depth under an orthographic camera: {@code z = depth}, in the camera's unit.
     *
     * @param camera the camera
     * @return the projection
     */
    public static Projection metric(Orthographic camera) {
        return new Projection(camera, 1, camera.unit(), false);
    }

    /**
     * Relative depth with the default fraction, {@value #DEFAULT_RELATIVE_FRACTION}.
     *
     * @param <T> the depth's pixel type
     * @param depth the relative depth, a 2D (X, Y) image growing with distance
     * @return the projection, as {@link #relative(RandomAccessibleInterval, double)}
     * @throws IllegalArgumentException as {@link #relative(RandomAccessibleInterval, double)}
     */
    public static <T extends RealType<T>> Projection relative(RandomAccessibleInterval<T> depth) {
        return relative(depth, DEFAULT_RELATIVE_FRACTION);
    }

    /**
     * Relative depth under {@link Orthographic#pixels()}: {@code z = s * depth} in pixels, with
     * {@code s = relativeZScale(min, max, width, fraction)} over the finite depths (NaN and
     * infinities are skipped), so the depth range spans {@code fraction * width} pixels.
     *
     * @param <T> the depth's pixel type
     * @param depth the relative depth, a 2D (X, Y) image growing with distance
     * @param fraction the fraction of the image width that the depth range spans, positive
     * @return the projection, flagged relative
     * @throws IllegalArgumentException if the depth is not 2D, has no finite value, or the fraction
     *         is not positive and finite
     */
    public static <T extends RealType<T>> Projection relative(RandomAccessibleInterval<T> depth, double fraction) {
        Checks.requirePlane("the depth", depth);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (T t : Views.iterable(depth)) {
            double d = t.getRealDouble();
            if (Double.isFinite(d)) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("the depth has no finite value, so its range is unknown; "
                    + "check the depth image (all NaN or infinite)");
        }
        Orthographic pixels = Orthographic.pixels();
        return new Projection(pixels, relativeZScale(min, max, depth.dimension(0), fraction), pixels.unit(), true);
    }

    /**
     * The relative-depth rule: the scale that makes a depth range span a fraction of the image
     * width, {@code fraction * width / (max - min)}. A flat depth ({@code max == min}) has no range
     * to span and keeps scale 1.
     *
     * @param min the smallest depth
     * @param max the largest depth, at least {@code min}
     * @param width the image width, in pixels
     * @param fraction the fraction of the width, positive
     * @return the scale {@code s} of {@code z = s * depth}
     * @throws IllegalArgumentException if the range is not finite or reversed, the width is below 1,
     *         or the fraction is not positive and finite
     */
    public static double relativeZScale(double min, double max, long width, double fraction) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
            throw new IllegalArgumentException("the depth range must be finite with min <= max but is [" + min + ", "
                    + max + "]");
        }
        if (width < 1) {
            throw new IllegalArgumentException("the image width must be at least 1 pixel but is " + width);
        }
        if (!(fraction > 0 && fraction < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the fraction of the image width must be positive and finite but is "
                    + fraction + "; the default is " + DEFAULT_RELATIVE_FRACTION);
        }
        return max == min ? 1 : fraction * width / (max - min);
    }

    /**
     * One line saying what the points are, for the comment of an exported file: unit, relative or
     * metric with the scale, camera and axes.
     *
     * @return the description, printable ASCII apart from the unit
     */
    public String describe() {
        return "depthfm 3D: unit " + unit + (relative
                ? "; relative depth (no true scale): z = " + zScale + " * depth, range spanning a fraction of the width"
                : "; metric depth: z = " + zScale + " * depth")
                + "; camera " + camera + "; axes x right, y down, z away from the camera";
    }

    /**
     * Requires a unit that fits in a file's one-line comment.
     *
     * @param unit the unit
     * @throws IllegalArgumentException if it is null, blank or holds a control character
     */
    static void requireUnit(String unit) {
        if (unit == null || unit.isBlank() || unit.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the unit must be a non-blank single line but is "
                    + (unit == null ? "null" : "'" + unit.replaceAll("\\p{Cntrl}", "?") + "'")
                    + "; for example m, mm, µm or pixel");
        }
    }
}
