package org.depthfm.ops.metrics;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;
import org.depthfm.ops.sparse.DistanceTransform;

/**
 * Edge fidelity as the paper measures it (Table 4, after Hu et al. 2019, "Revisiting Single Image
 * Depth Estimation"): the 3x3 Sobel gradient magnitude of prediction and reference, thresholded,
 * and the predicted edge pixels matched to the reference's within a tolerance.
 *
 * <p>Both maps must be in the same units (the aligned prediction and the ground truth, or both
 * min-max normalised); the threshold applies to the Sobel magnitude, which is 8 times the slope
 * per pixel on a linear ramp. A tolerance of 0 matches only the same pixel, as Hu et al. do; a
 * tolerance of 1 or 2 forgives edges that are off by that many pixels (matched by the exact
 * Euclidean distance transform). Only pixels under the mask count. NaN makes a gradient NaN, and a
 * NaN gradient is never an edge: give invalid ground truth as NaN so that no edge appears at its
 * border. Inputs are never modified.
 */
public final class EdgeAccuracy {
    private EdgeAccuracy() {
    }

    /**
     * The Sobel gradient magnitude {@code sqrt(gx^2 + gy^2)}, with {@code gx} the correlation with
     * {@code [[1, 0, -1], [2, 0, -2], [1, 0, -1]]} and {@code gy} with its transpose.
     *
     * @param <T> the source's pixel type
     * @param source the depth, defined one pixel beyond the target on each side (pad it, for
     *        example with {@code Views.extendBorder})
     * @param target the magnitude, a 2D image; its interval is the one computed
     * @throws IllegalArgumentException if the target is not 2D
     */
    public static <T extends RealType<T>> void sobelMagnitude(RandomAccessible<T> source,
            RandomAccessibleInterval<FloatType> target) {
        Checks.requirePlane("the Sobel target", target);
        int width = Math.toIntExact(target.dimension(0));
        // three source rows, each padded by one pixel on both sides, reused cyclically
        double[][] rows = new double[3][width + 2];
        RandomAccess<T> in = source.randomAccess();
        RandomAccess<FloatType> out = target.randomAccess();
        long x0 = target.min(0);
        for (long y = target.min(1) - 1; y <= target.max(1) + 1; y++) {
            double[] row = rows[Math.floorMod(y, 3)];
            in.setPosition(x0 - 1, 0);
            in.setPosition(y, 1);
            for (int i = 0; i < row.length; i++) {
                row[i] = in.get().getRealDouble();
                in.fwd(0);
            }
            if (y < target.min(1) + 1) {
                continue; // the first output row needs the rows above and below it
            }
            double[] up = rows[Math.floorMod(y - 2, 3)];
            double[] mid = rows[Math.floorMod(y - 1, 3)];
            out.setPosition(x0, 0);
            out.setPosition(y - 1, 1);
            for (int i = 1; i <= width; i++) {
                double gx = up[i - 1] + 2 * mid[i - 1] + row[i - 1] - up[i + 1] - 2 * mid[i + 1] - row[i + 1];
                double gy = up[i - 1] + 2 * up[i] + up[i + 1] - row[i - 1] - 2 * row[i] - row[i + 1];
                out.get().setReal(Math.sqrt(gx * gx + gy * gy));
                out.fwd(0);
            }
        }
    }

    /**
     * Edge precision and recall of a prediction against a reference, with borders replicated.
     *
     * @param <P> the prediction's pixel type
     * @param <G> the reference's pixel type
     * @param <B> the mask's pixel type
     * @param prediction the predicted depth, a 2D image
     * @param reference the reference depth, same size and units
     * @param mask true where pixels count, same size
     * @param threshold a pixel is an edge where its Sobel magnitude is above this (Hu et al. use
     *        0.25, 0.5 and 1 on depth in metres)
     * @param tolerance how far, in pixels, a matching edge pixel may be; 0 for the same pixel
     * @return the scores
     * @throws IllegalArgumentException if the images are not 2D or differ in size, or the threshold
     *         or tolerance is negative or not a number
     */
    public static <P extends RealType<P>, G extends RealType<G>, B extends BooleanType<B>> EdgeScore evaluate(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<G> reference,
            RandomAccessibleInterval<B> mask, double threshold, double tolerance) {
        Checks.requirePlane("the prediction", prediction);
        Checks.requireSameSize("the prediction", prediction, "the reference", reference);
        Checks.requireSameSize("the prediction", prediction, "the mask", mask);
        if (!(threshold >= 0) || !(tolerance >= 0)) {
            throw new IllegalArgumentException("the edge threshold and the tolerance must be 0 or more, not "
                    + threshold + " and " + tolerance);
        }
        RandomAccessibleInterval<BitType> predicted = edges(prediction, mask, threshold);
        RandomAccessibleInterval<BitType> actual = edges(reference, mask, threshold);
        long predictedCount = count(predicted);
        long actualCount = count(actual);
        return new EdgeScore(share(predicted, predictedCount, actual, actualCount, tolerance),
                share(actual, actualCount, predicted, predictedCount, tolerance), predictedCount, actualCount);
    }

    private static <T extends RealType<T>, B extends BooleanType<B>> RandomAccessibleInterval<BitType> edges(
            RandomAccessibleInterval<T> depth, RandomAccessibleInterval<B> mask, double threshold) {
        RandomAccessibleInterval<FloatType> magnitude = ArrayImgs.floats(depth.dimensionsAsLongArray());
        sobelMagnitude(Views.extendBorder(Views.zeroMin(depth)), magnitude);
        RandomAccessibleInterval<BitType> edges = ArrayImgs.bits(depth.dimensionsAsLongArray());
        LoopBuilder.setImages(magnitude, mask, edges).forEachPixel((g, m, e) -> e.set(m.get() && g.get() > threshold));
        return edges;
    }

    private static long count(RandomAccessibleInterval<BitType> edges) {
        long n = 0;
        for (BitType e : edges) {
            n += e.get() ? 1 : 0;
        }
        return n;
    }

    /** @return the share of {@code edges} within {@code tolerance} of an {@code other} edge pixel, NaN if none */
    private static double share(RandomAccessibleInterval<BitType> edges, long edgeCount,
            RandomAccessibleInterval<BitType> other, long otherCount, double tolerance) {
        if (edgeCount == 0 || otherCount == 0) {
            return edgeCount == 0 ? Double.NaN : 0;
        }
        RandomAccessibleInterval<FloatType> distance = DistanceTransform.euclidean(other);
        long matched = 0;
        Cursor<BitType> e = Views.flatIterable(edges).cursor();
        Cursor<FloatType> d = Views.flatIterable(distance).cursor();
        while (e.hasNext()) {
            boolean edge = e.next().get();
            float nearest = d.next().get();
            matched += edge && nearest <= tolerance ? 1 : 0;
        }
        return (double) matched / edgeCount;
    }
}
