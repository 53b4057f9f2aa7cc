package org.depthfm.ops.align;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.ConstantUtils;

import org.depthfm.ops.Pointwise;

/**
 * Scale and shift of a relative-depth prediction to reference depth (ground truth, or sparse known
 * points for completion), as the paper does for evaluation: a least-squares fit in the prediction's
 * space, {@code min sum (s * p + t - space(d))^2} over the valid pixels, with
 * {@code space(d) = d}, {@code log d} or {@code 1 / d}.
 *
 * <p>Valid pixels: the mask is true, the prediction is finite, and the reference is finite (and
 * positive in log and disparity space); NaN and infinite values, and zero or negative reference
 * depth where it cannot be mapped, are thus skipped. The least-squares fits take one pass, in
 * linear time and constant memory; the robust fit ({@link Ransac}) collects the valid pairs
 * (16 bytes each) and takes {@code iterations} passes over them. Inputs are never modified.
 */
public final class Alignment {
    private Alignment() {
    }

    /**
     * Least-squares scale and shift over the whole image.
     *
     * @param <P> the prediction's pixel type
     * @param <R> the reference's pixel type
     * @param prediction the prediction, in the fit's space
     * @param reference the reference depth, same size
     * @param space the space of the fit
     * @return the fit
     * @throws IllegalArgumentException if the sizes differ, or fewer than two valid pixels or a
     *         constant prediction leave the fit undefined
     */
    public static <P extends RealType<P>, R extends RealType<R>> ScaleShift fit(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<R> reference, AlignmentSpace space) {
        return fit(prediction, reference, ConstantUtils.constantRandomAccessibleInterval(new BitType(true),
                prediction), space, AlignmentModel.SCALE_AND_SHIFT);
    }

    /**
     * Least-squares scale and shift, or scale only, over a mask.
     *
     * @param <P> the prediction's pixel type
     * @param <R> the reference's pixel type
     * @param <B> the mask's pixel type
     * @param prediction the prediction, in the fit's space
     * @param reference the reference depth, same size
     * @param mask true where the reference may be used, same size
     * @param space the space of the fit
     * @param model which parameters to fit
     * @return the fit
     * @throws IllegalArgumentException if the sizes differ, or too few valid pixels or a constant
     *         (for scale only: zero) prediction leave the fit undefined
     */
    public static <P extends RealType<P>, R extends RealType<R>, B extends BooleanType<B>> ScaleShift fit(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<R> reference,
            RandomAccessibleInterval<B> mask, AlignmentSpace space, AlignmentModel model) {
        LeastSquares sums = new LeastSquares();
        Pairs.forEach(prediction, reference, mask, space, sums);
        return sums.solve(model, space);
    }

    /**
     * Robust scale and shift, or scale only, for noisy or sparse references with outliers: RANSAC,
     * then least squares on the best sample's inliers.
     *
     * @param <P> the prediction's pixel type
     * @param <R> the reference's pixel type
     * @param <B> the mask's pixel type
     * @param prediction the prediction, in the fit's space
     * @param reference the reference depth, same size
     * @param mask true where the reference may be used, same size
     * @param space the space of the fit
     * @param model which parameters to fit
     * @param ransac the threshold, iterations and seed
     * @return the least-squares fit on the inliers; {@link ScaleShift#samples()} counts them
     * @throws IllegalArgumentException if the sizes differ, there are too few valid pixels, or no
     *         sample gives a usable fit
     */
    public static <P extends RealType<P>, R extends RealType<R>, B extends BooleanType<B>> ScaleShift fitRobust(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<R> reference,
            RandomAccessibleInterval<B> mask, AlignmentSpace space, AlignmentModel model, Ransac ransac) {
        RobustFit.Samples samples = new RobustFit.Samples();
        Pairs.forEach(prediction, reference, mask, space, samples);
        return RobustFit.fit(samples, model, space, ransac);
    }

    /**
     * Applies a fit: {@code depth = space.toDepth(s * p + t)}. NaN stays NaN.
     *
     * @param <P> the prediction's pixel type
     * @param prediction the prediction, in the fit's space, defined at least on the target's interval
     * @param fit the alignment
     * @param target the aligned depth; its interval is the one computed
     */
    public static <P extends RealType<P>> void apply(RandomAccessible<P> prediction, ScaleShift fit,
            RandomAccessibleInterval<FloatType> target) {
        Pointwise.map(prediction, target, fit::apply);
    }

    /**
     * Applies a fit into a new image.
     *
     * @param <P> the prediction's pixel type
     * @param prediction the prediction, in the fit's space
     * @param fit the alignment
     * @return the aligned depth, same size
     */
    public static <P extends RealType<P>> RandomAccessibleInterval<FloatType> apply(
            RandomAccessibleInterval<P> prediction, ScaleShift fit) {
        return Pointwise.map(prediction, fit::apply);
    }
}
