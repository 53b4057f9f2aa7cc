package org.depthfm.ops.metrics;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;

import org.depthfm.ops.Checks;

/**
 * Whether the ensemble's uncertainty predicts its error (paper §4): the pixels are split by a
 * threshold on the uncertainty, and the mean absolute error of the prediction is compared between
 * the two parts. Pixels where the prediction, the ground truth or the uncertainty is NaN, or the
 * mask is false, are left out. One pass; inputs are never modified.
 */
public final class UncertaintyCheck {
    private UncertaintyCheck() {
    }

    /**
     * Splits the error by uncertainty.
     *
     * @param <P> the prediction's pixel type
     * @param <G> the ground truth's pixel type
     * @param <U> the uncertainty's pixel type
     * @param <B> the mask's pixel type
     * @param prediction the prediction, in the ground truth's units (aligned)
     * @param groundTruth the ground truth, same size
     * @param uncertainty the uncertainty (for example {@code Uncertainty.standardDeviation}), same size
     * @param mask true where pixels count, same size
     * @param threshold pixels with an uncertainty above it are "high", the others "low"
     * @return the mean errors of both parts and their sizes
     * @throws IllegalArgumentException if the sizes differ or the threshold is NaN
     */
    public static <P extends RealType<P>, G extends RealType<G>, U extends RealType<U>, B extends BooleanType<B>>
            ErrorByUncertainty errorByUncertainty(RandomAccessibleInterval<P> prediction,
                    RandomAccessibleInterval<G> groundTruth, RandomAccessibleInterval<U> uncertainty,
                    RandomAccessibleInterval<B> mask, double threshold) {
        Checks.requireSameSize("the prediction", prediction, "the ground truth", groundTruth);
        Checks.requireSameSize("the prediction", prediction, "the uncertainty", uncertainty);
        Checks.requireSameSize("the prediction", prediction, "the mask", mask);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("the uncertainty threshold is NaN; give a number, for example the "
                    + "uncertainty's median");
        }
        Part low = new Part();
        Part high = new Part();
        LoopBuilder.setImages(prediction, groundTruth, uncertainty, mask).forEachPixel((p, g, u, m) -> {
            double error = Math.abs(p.getRealDouble() - g.getRealDouble());
            double sigma = u.getRealDouble();
            if (m.get() && !Double.isNaN(error) && !Double.isNaN(sigma)) {
                (sigma > threshold ? high : low).add(error);
            }
        });
        return new ErrorByUncertainty(high.mean(), low.mean(), high.count, low.count);
    }

    /** The error sum of one part. */
    private static final class Part {
        private long count;
        private double sum;

        void add(double error) {
            count++;
            sum += error;
        }

        /** @return the mean error, NaN for an empty part */
        double mean() {
            return sum / count;
        }
    }
}
