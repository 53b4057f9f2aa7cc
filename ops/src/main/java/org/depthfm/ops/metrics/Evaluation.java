package org.depthfm.ops.metrics;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.ConstantUtils;

import org.depthfm.ops.Checks;
import org.depthfm.ops.align.Alignment;
import org.depthfm.ops.align.AlignmentModel;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.ScaleShift;

/**
 * Depth metrics under the usual benchmark protocol. Valid pixels: the mask is true and the ground
 * truth is finite and strictly inside {@code (minDepth, maxDepth)} (for example 1e-3 and 10 m for
 * NYUv2, 1e-3 and 80 m for KITTI). The prediction is clamped to {@code [minDepth, maxDepth]} before
 * the errors are taken, as the common evaluation code does, so that ratios and logarithms stay
 * defined. {@link #affineInvariant} first fits scale and shift as the paper does (in log space for
 * its tables). NaN ground truth is invalid; a NaN prediction at a valid pixel is an error. One pass,
 * linear time; inputs are never modified.
 */
public final class Evaluation {
    private static final double[] DELTAS = {1.25, 1.25 * 1.25, 1.25 * 1.25 * 1.25};

    private Evaluation() {
    }

    /**
     * The metrics of a prediction in depth units over the whole image.
     *
     * @param <P> the prediction's pixel type
     * @param <G> the ground truth's pixel type
     * @param prediction the predicted depth
     * @param groundTruth the ground-truth depth, same size
     * @param minDepth the smallest valid depth, above 0
     * @param maxDepth the largest valid depth, above {@code minDepth} (may be infinite)
     * @return the metrics
     * @throws IllegalArgumentException if the sizes differ, the range is invalid, no pixel is valid,
     *         or the prediction is NaN at a valid pixel
     */
    public static <P extends RealType<P>, G extends RealType<G>> DepthMetrics evaluate(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<G> groundTruth, double minDepth,
            double maxDepth) {
        return evaluate(prediction, groundTruth, ConstantUtils.constantRandomAccessibleInterval(new BitType(true),
                groundTruth), minDepth, maxDepth);
    }

    /**
     * The metrics of a prediction in depth units over a mask.
     *
     * @param <P> the prediction's pixel type
     * @param <G> the ground truth's pixel type
     * @param <B> the mask's pixel type
     * @param prediction the predicted depth
     * @param groundTruth the ground-truth depth, same size
     * @param mask true where the ground truth may be used, same size
     * @param minDepth the smallest valid depth, above 0
     * @param maxDepth the largest valid depth, above {@code minDepth} (may be infinite)
     * @return the metrics
     * @throws IllegalArgumentException if the sizes differ, the range is invalid, no pixel is valid,
     *         or the prediction is NaN at a valid pixel
     */
    public static <P extends RealType<P>, G extends RealType<G>, B extends BooleanType<B>> DepthMetrics evaluate(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<G> groundTruth,
            RandomAccessibleInterval<B> mask, double minDepth, double maxDepth) {
        RandomAccessibleInterval<BitType> valid = validPixels(groundTruth, mask, minDepth, maxDepth);
        Checks.requireSameSize("the prediction", prediction, "the ground truth", groundTruth);
        Sums sums = new Sums();
        LoopBuilder.setImages(prediction, groundTruth, valid).forEachPixel((p, g, v) -> {
            if (v.get()) {
                sums.add(Math.min(Math.max(p.getRealDouble(), minDepth), maxDepth), g.getRealDouble());
            }
        });
        return sums.metrics();
    }

    /**
     * The affine-invariant metrics of the paper: least-squares scale and shift of the prediction to
     * the ground truth over the valid pixels, in the given space, then {@link #evaluate}.
     *
     * @param <P> the prediction's pixel type
     * @param <G> the ground truth's pixel type
     * @param <B> the mask's pixel type
     * @param prediction the prediction in the fit's space (the raw log-depth for {@link AlignmentSpace#LOG})
     * @param groundTruth the ground-truth depth, same size
     * @param mask true where the ground truth may be used, same size
     * @param space the space of the fit
     * @param minDepth the smallest valid depth, above 0
     * @param maxDepth the largest valid depth, above {@code minDepth} (may be infinite)
     * @return the metrics of the aligned prediction
     * @throws IllegalArgumentException if the sizes differ, the range is invalid, or the fit or the
     *         metrics are undefined
     */
    public static <P extends RealType<P>, G extends RealType<G>, B extends BooleanType<B>> DepthMetrics
            affineInvariant(RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<G> groundTruth,
                    RandomAccessibleInterval<B> mask, AlignmentSpace space, double minDepth, double maxDepth) {
        return aligned(prediction, groundTruth, mask, space, AlignmentModel.SCALE_AND_SHIFT, minDepth, maxDepth)
                .metrics();
    }

    /**
     * The metrics after a least-squares fit of the prediction to the ground truth over the valid
     * pixels, with the fit itself (the command line reports its scale and shift).
     *
     * @param metrics the metrics of the aligned prediction
     * @param fit the fitted scale and shift
     */
    public record Aligned(DepthMetrics metrics, ScaleShift fit) {
    }

    /**
     * Fits the prediction to the ground truth (scale, or scale and shift, in a space) over the valid
     * pixels, then evaluates the aligned prediction.
     *
     * @param <P> the prediction's pixel type
     * @param <G> the ground truth's pixel type
     * @param <B> the mask's pixel type
     * @param prediction the prediction in the fit's space
     * @param groundTruth the ground-truth depth, same size
     * @param mask true where the ground truth may be used, same size
     * @param space the space of the fit
     * @param model scale only, or scale and shift
     * @param minDepth the smallest valid depth, above 0
     * @param maxDepth the largest valid depth, above {@code minDepth} (may be infinite)
     * @return the metrics and the fit
     * @throws IllegalArgumentException if the sizes differ, the range is invalid, or the fit or the
     *         metrics are undefined
     */
    public static <P extends RealType<P>, G extends RealType<G>, B extends BooleanType<B>> Aligned aligned(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<G> groundTruth,
            RandomAccessibleInterval<B> mask, AlignmentSpace space, AlignmentModel model, double minDepth,
            double maxDepth) {
        RandomAccessibleInterval<BitType> valid = validPixels(groundTruth, mask, minDepth, maxDepth);
        ScaleShift fit = Alignment.fit(prediction, groundTruth, valid, space, model);
        RandomAccessibleInterval<FloatType> aligned = Converters.convert2(prediction,
                (p, d) -> d.setReal(fit.apply(p.getRealDouble())), FloatType::new);
        return new Aligned(evaluate(aligned, groundTruth, valid, minDepth, maxDepth), fit);
    }

    /** @return a view, true where the mask is true and the ground truth finite inside the range */
    private static <G extends RealType<G>, B extends BooleanType<B>> RandomAccessibleInterval<BitType> validPixels(
            RandomAccessibleInterval<G> groundTruth, RandomAccessibleInterval<B> mask, double minDepth,
            double maxDepth) {
        if (!(minDepth > 0 && maxDepth > minDepth)) {
            throw new IllegalArgumentException("the valid depth range needs 0 < minDepth < maxDepth, not (" + minDepth
                    + ", " + maxDepth + "); for example 1e-3 and 10 for NYUv2");
        }
        Checks.requireSameSize("the ground truth", groundTruth, "the mask", mask);
        return Converters.convert2(groundTruth, mask, (g, m, v) -> {
            double d = g.getRealDouble();
            v.set(m.get() && d > minDepth && d < maxDepth);
        }, BitType::new);
    }

    /** Running sums of the errors. */
    private static final class Sums {
        private long n;
        private double absRel;
        private double sqRel;
        private double squared;
        private double squaredLog;
        private final long[] within = new long[DELTAS.length];

        void add(double p, double d) {
            if (Double.isNaN(p)) {
                throw new IllegalArgumentException("the prediction is NaN where the ground truth is valid; fill or "
                        + "mask those pixels before evaluating");
            }
            double e = d - p;
            n++;
            absRel += Math.abs(e) / d;
            sqRel += e * e / d;
            squared += e * e;
            double log = Math.log(d) - Math.log(p);
            squaredLog += log * log;
            double ratio = Math.max(d / p, p / d);
            for (int k = 0; k < DELTAS.length; k++) {
                within[k] += ratio < DELTAS[k] ? 1 : 0;
            }
        }

        DepthMetrics metrics() {
            if (n == 0) {
                throw new IllegalArgumentException("no ground-truth pixel is valid (finite, inside the depth range "
                        + "and the mask); check the range's units and the mask");
            }
            return new DepthMetrics(absRel / n, sqRel / n, Math.sqrt(squared / n), Math.sqrt(squaredLog / n),
                    (double) within[0] / n, (double) within[1] / n, (double) within[2] / n, n);
        }
    }
}
