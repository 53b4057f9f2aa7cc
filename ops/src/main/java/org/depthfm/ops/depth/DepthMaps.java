package org.depthfm.ops.depth;

import java.util.function.DoubleUnaryOperator;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.depthfm.ops.Pointwise;

/**
 * The depth maps made from the engine's log-depth: the ensemble mean, and each
 * {@link DepthOutput} through a {@link DepthNormalization}.
 *
 * <p>The official pipeline is {@code output(ensembleMean(members), DepthOutput.DEPTH)}. To show the
 * members as a stack on the same scale as the mean, map the stack with the mean's normalisation:
 * {@code map(members, DepthNormalization.fit(mean, output))} (members may then leave [0, 1] a
 * little). NaN propagates: a NaN member makes that pixel's mean NaN, and NaN maps to NaN.
 * Inputs are never modified.
 */
public final class DepthMaps {
    private DepthMaps() {
    }

    /**
     * The ensemble mean: the per-pixel mean over the members (last axis), in float32 as the official
     * code (a running sum, then divided by E), so that it matches torch's mean bit for bit.
     *
     * @param <T> the pixel type
     * @param members the members stack {@code (X, Y, E)}
     * @param target the mean {@code (X, Y)}; its interval is the one computed
     * @throws IllegalArgumentException if the stack is not the target's axes plus a members axis
     */
    public static <T extends RealType<T>> void ensembleMean(RandomAccessibleInterval<T> members,
            RandomAccessibleInterval<FloatType> target) {
        MemberReduction.reduce(members, target, DoubleUnaryOperator.identity(), MemberReduction::float32Mean);
    }

    /**
     * The ensemble mean into a new image.
     *
     * @param <T> the pixel type
     * @param members the members stack {@code (X, Y, E)}
     * @return the mean {@code (X, Y)}
     * @throws IllegalArgumentException if the stack has fewer than two axes
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> ensembleMean(
            RandomAccessibleInterval<T> members) {
        RandomAccessibleInterval<FloatType> mean = MemberReduction.plane(members);
        ensembleMean(members, mean);
        return mean;
    }

    /**
     * Maps log-depth pointwise through a normalisation; works on one map or a whole stack.
     *
     * @param <T> the pixel type
     * @param logDepth the log-depth, defined at least on the target's interval
     * @param target the mapped values; its interval is the one computed
     * @param normalization the map, fitted on the ensemble mean
     */
    public static <T extends RealType<T>> void map(RandomAccessible<T> logDepth,
            RandomAccessibleInterval<FloatType> target, DepthNormalization normalization) {
        Pointwise.map(logDepth, target, normalization::apply);
    }

    /**
     * Maps log-depth pointwise into a new image.
     *
     * @param <T> the pixel type
     * @param logDepth the log-depth, one map or a stack
     * @param normalization the map, fitted on the ensemble mean
     * @return the mapped values, same size
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> map(
            RandomAccessibleInterval<T> logDepth, DepthNormalization normalization) {
        return Pointwise.map(logDepth, normalization::apply);
    }

    /**
     * One depth output of the ensemble mean, normalised over itself: with {@link DepthOutput#DEPTH}
     * the official output.
     *
     * @param <T> the pixel type
     * @param meanLogDepth the ensemble mean's log-depth {@code (X, Y)}
     * @param output the depth map wanted
     * @return the map, same size
     * @throws IllegalArgumentException if the log-depth has no finite value (a constant one follows
     *     {@link DepthNormalization}'s rule)
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> output(
            RandomAccessibleInterval<T> meanLogDepth, DepthOutput output) {
        return map(meanLogDepth, DepthNormalization.fit(meanLogDepth, output));
    }
}
