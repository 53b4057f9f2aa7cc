package org.depthfm.ops.convert;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.Localizable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;

/**
 * The intensities that map to -1 and 1 in the model input.
 *
 * <p>8-bit images use the fixed range [0, 255] of the official code ({@link #unsignedByte()}).
 * Other images need a rule: {@link #minMax} (the image's own extremes, nothing clipped) or
 * {@link #percentiles} (robust to a few hot pixels; values outside are clipped, which this range
 * records in {@link #clip()} so that it is never silent), or a range of the caller's choosing
 * ({@link #of}).
 *
 * @param low the intensity that maps to -1
 * @param high the intensity that maps to 1
 * @param clip whether values outside [low, high] are clipped to the ends; if false they are an error
 */
public record IntensityRange(double low, double high, boolean clip) {

    /**
     * Checks the range.
     *
     * @param low the intensity that maps to -1
     * @param high the intensity that maps to 1
     * @param clip whether values outside are clipped
     * @throws IllegalArgumentException if an end is not finite or {@code high <= low}
     */
    public IntensityRange {
        if (!Double.isFinite(low) || !Double.isFinite(high) || high <= low) {
            throw new IllegalArgumentException("an intensity range needs finite ends with low < high, not [" + low
                    + ", " + high + "]");
        }
    }

    /**
     * The official range of 8-bit images: {@code v / 127.5 - 1}.
     *
     * @return [0, 255], not clipping
     */
    public static IntensityRange unsignedByte() {
        return new IntensityRange(0, 255, false);
    }

    /**
     * A fixed range, for example the full range of 16-bit images, [0, 65535].
     *
     * @param low the intensity that maps to -1
     * @param high the intensity that maps to 1
     * @return the range, not clipping: values outside it are an error
     * @throws IllegalArgumentException if an end is not finite or {@code high <= low}
     */
    public static IntensityRange of(double low, double high) {
        return new IntensityRange(low, high, false);
    }

    /**
     * The image's minimum and maximum, over all its pixels and channels (one range for all
     * channels keeps their balance).
     *
     * @param <T> the pixel type
     * @param image the image
     * @return its extremes, not clipping
     * @throws IllegalArgumentException if the image has NaN or infinite values, or is constant
     */
    public static <T extends RealType<T>> IntensityRange minMax(RandomAccessibleInterval<T> image) {
        double[] extremes = extremes(image);
        if (extremes[0] == extremes[1]) {
            throw constant(extremes[0]);
        }
        return of(extremes[0], extremes[1]);
    }

    /**
     * Percentiles of the image's values, over all pixels and channels, interpolated linearly between
     * the sorted values as numpy's default {@code percentile} does ({@code (n - 1) * p / 100}).
     * Values outside the range are clipped when it is used. Sorts a copy of the values: O(n log n)
     * time, 8 bytes per value.
     *
     * @param <T> the pixel type
     * @param image the image
     * @param lowPercent the percentile that maps to -1, in [0, 100), for example 1
     * @param highPercent the percentile that maps to 1, in (lowPercent, 100], for example 99.8
     * @return the range, clipping
     * @throws IllegalArgumentException if the percentiles are out of order or outside [0, 100], the
     *         image has NaN or infinite values or more than 2^31 - 1 pixels, or the two percentiles
     *         are equal
     */
    public static <T extends RealType<T>> IntensityRange percentiles(RandomAccessibleInterval<T> image,
            double lowPercent, double highPercent) {
        if (!(lowPercent >= 0 && lowPercent < highPercent && highPercent <= 100)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, not " + lowPercent
                    + " and " + highPercent);
        }
        double[] values = new double[Math.toIntExact(Intervals.numElements(image))];
        Cursor<T> c = image.cursor();
        for (int i = 0; c.hasNext(); i++) {
            values[i] = c.next().getRealDouble();
            if (!Double.isFinite(values[i])) {
                throw notFinite(values[i], c);
            }
        }
        Arrays.sort(values);
        double low = percentile(values, lowPercent);
        double high = percentile(values, highPercent);
        if (low == high) {
            throw new IllegalArgumentException("the " + lowPercent + " and " + highPercent
                    + " percentiles are both " + low + ": the image is (nearly) constant; choose percentiles "
                    + "further apart or use IntensityRange.minMax");
        }
        return new IntensityRange(low, high, true);
    }

    private static double percentile(double[] sorted, double percent) {
        double h = (sorted.length - 1) * percent / 100;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    /**
     * @return the image's minimum and maximum
     * @throws IllegalArgumentException at the first NaN or infinite value
     */
    static <T extends RealType<T>> double[] extremes(RandomAccessibleInterval<T> image) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        // a plain cursor still knows its position when a bad value needs reporting
        for (Cursor<T> c = image.cursor(); c.hasNext();) {
            double v = c.next().getRealDouble();
            if (!Double.isFinite(v)) {
                throw notFinite(v, c);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min, max};
    }

    static IllegalArgumentException notFinite(double value, Localizable where) {
        return new IllegalArgumentException("the image has " + value + " at " + Arrays.toString(
                where.positionAsLongArray()) + "; replace NaN and infinite values (Process > Math > Remove NaNs, "
                + "or crop) before depth estimation");
    }

    static IllegalArgumentException constant(Object value) {
        return new IllegalArgumentException("the image is constant (every pixel is " + value
                + "): there is no structure to estimate depth from; choose another image or channels");
    }
}
