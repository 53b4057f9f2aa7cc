package org.depthfm.engine.flow;

/**
 * How {@link DepthSampler#complete} steers the flow toward known depths (guided depth completion, in the
 * spirit of Marigold-DC): at every Euler step, {@code iterations} Adam steps on the ODE state, each
 * through the UNet and the decoder, lower the loss at the known points.
 *
 * <p>Points are given at the model's resolution, in pixels with pixel centres at integers (pixel
 * (0, 0) is the top-left pixel; a point between pixel centres reads the decoded map bilinearly).
 * Depths are in any unit: the loss compares them relative to their median.
 *
 * @param x the points' columns, in [0, width - 1]
 * @param y the points' rows, in [0, height - 1]
 * @param depth the known depths, finite and above 0
 * @param iterations gradient steps per Euler step; each costs one UNet and one decoder pass, forward
 *     and backward
 * @param learningRate Adam's step size on the ODE state (Marigold-DC: 0.05)
 */
public record Guidance(float[] x, float[] y, float[] depth, int iterations, float learningRate) {
    /**
     * Checks the values and copies the arrays (which are read, never changed, after that).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public Guidance {
        if (x.length != y.length || x.length != depth.length) {
            throw new IllegalArgumentException("guidance needs as many columns, rows and depths; got " + x.length
                    + ", " + y.length + " and " + depth.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("guidance needs at least two known points to fit scale and shift, not "
                    + x.length);
        }
        for (int i = 0; i < depth.length; i++) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i]) || !(depth[i] > 0) || !Float.isFinite(depth[i])) {
                throw new IllegalArgumentException("guidance point " + (i + 1) + " (" + x[i] + ", " + y[i] + ") has"
                        + " depth " + depth[i] + "; positions must be finite and depths finite and above 0");
            }
        }
        if (iterations < 1 || !(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("guidance needs at least one iteration and a positive learning rate,"
                    + " not " + iterations + " and " + learningRate);
        }
        x = x.clone();
        y = y.clone();
        depth = depth.clone();
    }
}
