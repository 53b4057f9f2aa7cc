package org.depthfm.pipeline;

import java.util.Arrays;
import java.util.Locale;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.ConstantUtils;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;
import org.depthfm.ops.align.Alignment;
import org.depthfm.ops.align.AlignmentModel;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.ScaleShift;
import org.depthfm.ops.metrics.DepthMetrics;
import org.depthfm.ops.metrics.ErrorByUncertainty;
import org.depthfm.ops.metrics.Evaluation;
import org.depthfm.ops.metrics.UncertaintyCheck;

/**
 * A prediction against ground truth, as the command line and the Evaluate Depth command offer it:
 * optionally aligned first (scale; scale and shift; or scale and shift in log or disparity
 * space, the prediction mapped into that space), then the standard metrics over the valid pixels.
 */
public final class DepthEvaluation {
    private DepthEvaluation() {
    }

    /** How the prediction is aligned to the ground truth before the errors are taken. */
    public enum Align {
        /** As it is (a metric prediction). */
        NONE,
        /** Least-squares scale. */
        SCALE,
        /** Least-squares scale and shift. */
        SCALE_SHIFT,
        /** Scale and shift of the log-depth (the paper's evaluation). */
        LOG,
        /** Scale and shift of the disparity (inverse depth). */
        DISPARITY;

        /**
         * @param name none, scale, scale-shift, log or disparity
         * @return the alignment
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Align parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "none" -> NONE;
                case "scale" -> SCALE;
                case "scale-shift", "affine" -> SCALE_SHIFT;
                case "log" -> LOG;
                case "disparity" -> DISPARITY;
                default -> throw new IllegalArgumentException("unknown alignment '" + name
                        + "': use none, scale, scale-shift, log or disparity");
            };
        }

        /** @return the lower-case name used in options */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param metrics the errors
     * @param fit the alignment, or null for {@link Align#NONE}
     * @param byUncertainty the mean error above and below the median uncertainty (paper §4), or
     *     null when no uncertainty map was given
     */
    public record Report(DepthMetrics metrics, ScaleShift fit, ErrorByUncertainty byUncertainty) {
    }

    /**
     * @param <P> the prediction's pixel type
     * @param <G> the ground truth's pixel type
     * @param <M> the mask's pixel type
     * @param <U> the uncertainty's pixel type
     * @param prediction the predicted depth (any positive depth-like map for log and disparity), or
     *     log-depth when {@code predictionIsLog}
     * @param predictionIsLog the prediction is log-depth ({@code --output-type log-depth}): it is
     *     exponentiated first
     * @param groundTruth the true depth, same size; invalid where NaN, 0 or outside the range
     * @param mask non-zero where the ground truth may be used, or null for everywhere
     * @param uncertainty the prediction's uncertainty map, or null
     * @param align how to align first
     * @param minDepth the smallest valid depth
     * @param maxDepth the largest valid depth
     * @return the metrics and the fit
     * @throws IllegalArgumentException for different sizes, an empty valid set, an undefined fit, or
     *     (with an alignment) a ground truth that holds one depth only
     */
    public static <P extends RealType<P>, G extends RealType<G>, M extends RealType<M>, U extends RealType<U>> Report
            evaluate(
            RandomAccessibleInterval<P> prediction, boolean predictionIsLog, RandomAccessibleInterval<G> groundTruth,
            RandomAccessibleInterval<M> mask, RandomAccessibleInterval<U> uncertainty, Align align, double minDepth,
            double maxDepth) {
        RandomAccessibleInterval<BitType> valid = mask == null
                ? ConstantUtils.constantRandomAccessibleInterval(new BitType(true), groundTruth)
                : Converters.convert2(mask, (m, b) -> b.set(m.getRealDouble() != 0), BitType::new);
        RandomAccessibleInterval<FloatType> depth = Converters.convert2(prediction,
                (p, f) -> f.setReal(predictionIsLog ? Math.exp(p.getRealDouble()) : p.getRealDouble()), FloatType::new);
        if (align == Align.NONE) {
            return new Report(Evaluation.evaluate(depth, groundTruth, valid, minDepth, maxDepth), null,
                    byUncertainty(depth, groundTruth, valid, uncertainty));
        }
        requireDepthRange(groundTruth, valid, minDepth, maxDepth);
        AlignmentSpace space = switch (align) {
            case LOG -> AlignmentSpace.LOG;
            case DISPARITY -> AlignmentSpace.DISPARITY;
            default -> AlignmentSpace.LINEAR;
        };
        RandomAccessibleInterval<FloatType> inSpace = Converters.convert2(depth,
                (p, f) -> f.setReal(space.toSpace(p.getRealDouble())), FloatType::new);
        Evaluation.Aligned a = Evaluation.aligned(inSpace, groundTruth, valid, space,
                align == Align.SCALE ? AlignmentModel.SCALE : AlignmentModel.SCALE_AND_SHIFT, minDepth, maxDepth);
        return new Report(a.metrics(), a.fit(),
                byUncertainty(Alignment.apply(inSpace, a.fit()), groundTruth, valid, uncertainty));
    }

    /**
     * Refuses a ground truth whose valid pixels all hold one depth: any prediction aligned to it
     * by a fit scores as perfect (scale 0, shift the depth), which says nothing.
     */
    private static <G extends RealType<G>> void requireDepthRange(RandomAccessibleInterval<G> groundTruth,
            RandomAccessibleInterval<BitType> valid, double minDepth, double maxDepth) {
        if (!Intervals.equalDimensions(groundTruth, valid)) {
            return; // the metrics name the size mismatch
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        Cursor<G> g = Views.flatIterable(groundTruth).cursor();
        Cursor<BitType> v = Views.flatIterable(valid).cursor();
        while (g.hasNext()) {
            double d = g.next().getRealDouble();
            if (v.next().get() && d >= minDepth && d <= maxDepth && d > 0) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        if (lo == hi) {
            throw new IllegalArgumentException("the ground truth holds one depth (" + lo + ") at every valid pixel: an"
                    + " aligned prediction would score as perfect; check the file, --gt-scale, --min-depth and"
                    + " --max-depth, or evaluate with --align none");
        }
    }

    /** The paper's check: the error where the uncertainty is above its median against below it. */
    private static <G extends RealType<G>, U extends RealType<U>> ErrorByUncertainty byUncertainty(
            RandomAccessibleInterval<FloatType> aligned, RandomAccessibleInterval<G> groundTruth,
            RandomAccessibleInterval<BitType> valid, RandomAccessibleInterval<U> uncertainty) {
        if (uncertainty == null) {
            return null;
        }
        double[] values = new double[(int) Intervals.numElements(uncertainty)];
        int n = 0;
        for (U u : Views.flatIterable(uncertainty)) {
            if (!Double.isNaN(u.getRealDouble())) {
                values[n++] = u.getRealDouble();
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the uncertainty map holds only NaN");
        }
        Arrays.sort(values, 0, n);
        return UncertaintyCheck.errorByUncertainty(aligned, groundTruth, uncertainty, valid, values[n / 2]);
    }
}
