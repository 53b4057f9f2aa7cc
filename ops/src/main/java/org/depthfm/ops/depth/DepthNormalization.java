package org.depthfm.ops.depth;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The pointwise map from log-depth to one {@link DepthOutput}, with the min-max normalisation
 * fitted once on the ensemble mean so that the mean, every member and the uncertainty share one
 * scale.
 *
 * <p>For {@link DepthOutput#DEPTH} this is the official {@code per_sample_min_max_normalization(
 * depth.exp())}, computed in float32 as the official code does: {@code e = exp(m)}, then
 * {@code (e - low) / (high - low)} with {@code low} and {@code high} the extremes of {@code exp}
 * over the ensemble mean. NaN maps to NaN.
 *
 * <p><b>A constant map</b> (every finite value equal: a blank frame, a flat wall) has no depth
 * order, and the official code would divide by zero. The rule, here and nowhere else: it
 * normalises to 0 everywhere (for {@link DepthOutput#INVERTED_DEPTH}, 1 - 0 = 1), so a blank frame
 * in a stack yields a flat frame instead of stopping the run.
 *
 * @param output the depth map this normalisation produces
 * @param low the smallest {@code exp(m)} (for {@link DepthOutput#DISPARITY}, {@code exp(-m)}) over
 *        the ensemble mean; 0 for {@link DepthOutput#LOG_DEPTH}, which is not normalised
 * @param high the largest such value; 1 for {@link DepthOutput#LOG_DEPTH}
 */
public record DepthNormalization(DepthOutput output, float low, float high) {

    /**
     * Checks the normalisation.
     *
     * @param output the depth map this normalisation produces
     * @param low the value that maps to 0
     * @param high the value that maps to 1
     * @throws IllegalArgumentException if {@code low} and {@code high} are not finite with
     *         {@code low <= high}
     */
    public DepthNormalization {
        if (!Float.isFinite(low) || !Float.isFinite(high) || !(low <= high)) {
            throw new IllegalArgumentException("a depth normalisation needs finite low <= high, not " + low + " and "
                    + high);
        }
    }

    /**
     * Fits the normalisation of one output on the ensemble mean's log-depth. Non-finite values are
     * skipped.
     *
     * @param <T> the pixel type
     * @param logDepth the ensemble mean's log-depth (or a single member's)
     * @param output the depth map wanted
     * @return the normalisation
     * @throws IllegalArgumentException if the log-depth has no finite value
     */
    public static <T extends RealType<T>> DepthNormalization fit(RandomAccessibleInterval<T> logDepth,
            DepthOutput output) {
        if (output == DepthOutput.LOG_DEPTH) {
            return new DepthNormalization(output, 0, 1);
        }
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (T m : logDepth) {
            float e = exp(output, m.getRealDouble());
            if (Float.isFinite(e)) {
                low = Math.min(low, e);
                high = Math.max(high, e);
            }
        }
        if (low > high) {
            throw new IllegalArgumentException("the log-depth is not finite anywhere, so there is no depth to"
                    + " normalise; check the model output");
        }
        return new DepthNormalization(output, low, high);
    }

    /**
     * Maps one log-depth value.
     *
     * @param logDepth the log-depth {@code m}
     * @return its value in the output (float32 arithmetic, as the official code)
     */
    public double apply(double logDepth) {
        if (output == DepthOutput.LOG_DEPTH) {
            return logDepth;
        }
        float e = exp(output, logDepth);
        // the constant-map rule (class comment); NaN stays NaN
        float normalised = high > low ? (e - low) / (high - low) : e == e ? 0 : Float.NaN;
        return output == DepthOutput.INVERTED_DEPTH ? 1 - normalised : normalised;
    }

    private static float exp(DepthOutput output, double logDepth) {
        return (float) Math.exp(output == DepthOutput.DISPARITY ? -logDepth : logDepth);
    }
}
