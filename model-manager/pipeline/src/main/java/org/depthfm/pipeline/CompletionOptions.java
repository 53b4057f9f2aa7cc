package org.depthfm.pipeline;

import java.util.Locale;
import org.depthfm.base.Defaults;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.ops.align.AlignmentSpace;

/**
 * Everything that shapes one depth completion, whoever starts it.
 *
 * @param method how the known points are used
 * @param sampling Euler steps, ensemble size, seed (the seed also draws the held-out points and
 *     the robust fit's samples)
 * @param processingRes the longer side the image is resized to before rounding to the network's
 *     size multiple; 0 for the original size
 * @param space where scale and shift are fitted: {@link AlignmentSpace#LOG} fits {@code ln d} to
 *     the log-depth (the paper's evaluation; the decoder's output is affine in it by training),
 *     {@link AlignmentSpace#LINEAR} {@code d} to the relative depth {@code exp(m)},
 *     {@link AlignmentSpace#DISPARITY} {@code 1 / d} to the relative disparity {@code exp(-m)}
 * @param inlierThreshold 0 for a least-squares fit; above 0 a robust fit (RANSAC) whose inliers
 *     are within this relative depth error of the line (0.05: 5 %)
 * @param iterations guided: gradient steps per Euler step
 * @param learningRate guided: Adam's step size on the ODE state
 * @param heldOut the share of the points kept back from the method to measure its error where it
 *     did not look, in [0, 1)
 */
public record CompletionOptions(CompletionMethod method, Sampling sampling, int processingRes, AlignmentSpace space,
        double inlierThreshold, int iterations, double learningRate, double heldOut) {

    /** Align in log space with least squares, the official sampling defaults, no points held out. */
    public static final CompletionOptions DEFAULT = new CompletionOptions(CompletionMethod.ALIGN, Sampling.DEFAULT, 0,
            AlignmentSpace.LOG, 0, Defaults.GUIDANCE_ITERATIONS, Defaults.GUIDANCE_LEARNING_RATE, 0);

    /**
     * @throws IllegalArgumentException naming the bad value
     */
    public CompletionOptions {
        if (processingRes < 0) {
            throw new IllegalArgumentException("the processing resolution must be 0 (original size) or positive");
        }
        if (!(inlierThreshold >= 0) || !Double.isFinite(inlierThreshold)) {
            throw new IllegalArgumentException("the inlier threshold must be 0 (least squares) or a positive relative"
                    + " error such as 0.05, not " + inlierThreshold);
        }
        if (iterations < 1 || !(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("guidance needs at least one iteration and a positive learning rate, not "
                    + iterations + " and " + learningRate);
        }
        if (!(heldOut >= 0 && heldOut < 1)) {
            throw new IllegalArgumentException("the held-out share must be at least 0 and below 1, not " + heldOut);
        }
    }

    /**
     * @param name log, disparity or linear (any case)
     * @return the fit space
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AlignmentSpace parseSpace(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "log" -> AlignmentSpace.LOG;
            case "disparity" -> AlignmentSpace.DISPARITY;
            case "linear" -> AlignmentSpace.LINEAR;
            default -> throw new IllegalArgumentException("unknown fit space '" + name + "': use log, disparity or linear");
        };
    }
}
