package org.depthfm.ops.align;

/**
 * Settings of the robust fit: random minimal samples (two pixels for scale and shift, one for
 * scale), each scored by how many pixels it explains within the threshold; the best one's inliers
 * are then fitted by least squares.
 *
 * @param inlierThreshold the largest residual of an inlier, in the fit's space (in
 *        {@link AlignmentSpace#LOG} 0.05 is about 5 % of the depth)
 * @param iterations how many samples are drawn; the work is {@code iterations * pixels}
 * @param seed the random seed, so that a fit can be repeated exactly
 */
public record Ransac(double inlierThreshold, int iterations, long seed) {

    /**
     * Checks the settings.
     *
     * @param inlierThreshold the largest residual of an inlier
     * @param iterations how many samples are drawn
     * @param seed the random seed
     * @throws IllegalArgumentException if the threshold is not a positive number or there are no iterations
     */
    public Ransac {
        if (!(inlierThreshold > 0) || !Double.isFinite(inlierThreshold) || iterations < 1) {
            throw new IllegalArgumentException("RANSAC needs a positive finite inlier threshold and at least one "
                    + "iteration, not " + inlierThreshold + " and " + iterations);
        }
    }
}
