package org.depthfm.ops.align;

/**
 * Least-squares line through pairs, accumulated in one pass with Welford's centred updates (no
 * cancellation when the values are large compared with their spread).
 */
final class LeastSquares implements Pairs.Consumer {
    private long n;
    private double meanX;
    private double meanY;
    /** sum of (x - meanX)^2 */
    private double sxx;
    /** sum of (x - meanX)(y - meanY) */
    private double sxy;

    @Override
    public void accept(double x, double y) {
        n++;
        double dx = x - meanX;
        meanX += dx / n;
        meanY += (y - meanY) / n;
        sxx += dx * (x - meanX);
        sxy += dx * (y - meanY);
    }

    /**
     * @return the scale and shift minimising the squared residuals
     * @throws IllegalArgumentException if too few pairs, or a constant prediction, leave it undefined
     */
    ScaleShift solve(AlignmentModel model, AlignmentSpace space) {
        if (model == AlignmentModel.SCALE) {
            double xx = sxx + n * meanX * meanX;
            if (!(xx > 0)) {
                throw undefined("scale", "the prediction is 0 at all " + n + " valid pixels");
            }
            return new ScaleShift((sxy + n * meanX * meanY) / xx, 0, space, n);
        }
        if (n < 2 || !(sxx > 0)) {
            throw undefined("scale and shift", n < 2 ? "only " + n + " pixel(s) are valid"
                    : "the prediction is constant over the " + n + " valid pixels");
        }
        double scale = sxy / sxx;
        return new ScaleShift(scale, meanY - scale * meanX, space, n);
    }

    private static IllegalArgumentException undefined(String what, String why) {
        return new IllegalArgumentException("cannot fit " + what + ": " + why + "; check the mask and that the "
                + "reference has valid depth (finite, and positive in log or disparity space) where the prediction "
                + "varies");
    }
}
