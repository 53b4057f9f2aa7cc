package org.depthfm.ops.depth;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The ensemble's uncertainty (paper §4 and Fig. 6: "the standard deviation of predictions across
 * ensemble members"), which the official code does not produce.
 *
 * <p><b>Definition.</b> Let {@code m_1 .. m_E} be the members' log-depth at a pixel (each member's
 * decoder output averaged over its channels; the engine's members stack) and {@code N} the
 * {@link DepthNormalization} of the chosen output, fitted on the ensemble mean
 * {@code (1/E) sum m_i}. The uncertainty is the population standard deviation of the mapped
 * members, {@code sigma = sqrt((1/E) sum (N(m_i) - mu)^2)} with {@code mu = (1/E) sum N(m_i)}.
 * It is therefore in the depth output's own units: for the official {@link DepthOutput#DEPTH},
 * {@code N(m) = (exp(m) - low) / (high - low)} with {@code low}, {@code high} the extremes of
 * {@code exp} over the ensemble mean, so sigma is a fraction of the mean map's depth range, and it
 * equals the per-pixel deviation of the member stack {@code DepthMaps.map(members, N)}; for
 * {@link DepthOutput#LOG_DEPTH} it is the deviation of the raw log-depth. One member (E = 1) gives
 * 0 everywhere.
 *
 * <p>As an option, the coefficient of variation {@code sigma_e / mu_e} of the members' relative
 * depth {@code exp(m_i)}: dimensionless and independent of any normalisation and of the depth's
 * unknown scale (a normalised map has an arbitrary zero at the nearest pixel, where a ratio would
 * blow up). For small spreads it is close to the deviation of the log-depth. E = 1 gives 0.
 *
 * <p>A NaN member makes that pixel NaN. Inputs are never modified.
 */
public final class Uncertainty {
    private Uncertainty() {
    }

    /**
     * The per-pixel standard deviation of the members in the units of one depth output.
     *
     * @param <T> the pixel type
     * @param members the members' log-depth {@code (X, Y, E)}
     * @param normalization the output's normalisation, fitted on the ensemble mean
     * @param target the deviation {@code (X, Y)}; its interval is the one computed
     * @throws IllegalArgumentException if the stack is not the target's axes plus a members axis
     */
    public static <T extends RealType<T>> void standardDeviation(RandomAccessibleInterval<T> members,
            DepthNormalization normalization, RandomAccessibleInterval<FloatType> target) {
        MemberReduction.reduce(members, target, normalization::apply, MemberReduction::standardDeviation);
    }

    /**
     * The per-pixel standard deviation of the members into a new image.
     *
     * @param <T> the pixel type
     * @param members the members' log-depth {@code (X, Y, E)}
     * @param normalization the output's normalisation, fitted on the ensemble mean
     * @return the deviation {@code (X, Y)}
     * @throws IllegalArgumentException if the stack has fewer than two axes
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> standardDeviation(
            RandomAccessibleInterval<T> members, DepthNormalization normalization) {
        RandomAccessibleInterval<FloatType> sigma = MemberReduction.plane(members);
        standardDeviation(members, normalization, sigma);
        return sigma;
    }

    /**
     * The per-pixel coefficient of variation of the members' relative depth {@code exp(m_i)}.
     *
     * @param <T> the pixel type
     * @param members the members' log-depth {@code (X, Y, E)}
     * @param target the coefficient {@code (X, Y)}; its interval is the one computed
     * @throws IllegalArgumentException if the stack is not the target's axes plus a members axis
     */
    public static <T extends RealType<T>> void coefficientOfVariation(RandomAccessibleInterval<T> members,
            RandomAccessibleInterval<FloatType> target) {
        MemberReduction.reduce(members, target, Math::exp,
                values -> MemberReduction.standardDeviation(values) / MemberReduction.mean(values));
    }

    /**
     * The per-pixel coefficient of variation into a new image.
     *
     * @param <T> the pixel type
     * @param members the members' log-depth {@code (X, Y, E)}
     * @return the coefficient {@code (X, Y)}
     * @throws IllegalArgumentException if the stack has fewer than two axes
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> coefficientOfVariation(
            RandomAccessibleInterval<T> members) {
        RandomAccessibleInterval<FloatType> cv = MemberReduction.plane(members);
        coefficientOfVariation(members, cv);
        return cv;
    }
}
