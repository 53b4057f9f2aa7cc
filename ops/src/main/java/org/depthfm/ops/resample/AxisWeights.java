package org.depthfm.ops.resample;

/**
 * The taps of PIL's bilinear filter along one axis ({@code precompute_coeffs} in PIL's
 * {@code Resample.c}, written from its description): output pixel {@code i} has its centre at
 * input coordinate {@code (i + 0.5) * scale}, {@code scale = in / out}; the triangle filter's
 * support is {@code max(scale, 1)} input pixels, so shrinking averages over the whole footprint
 * (antialiasing); taps outside the image are dropped and the rest renormalised to sum 1. An axis
 * that keeps its size gets one tap of weight 1, as PIL skips that pass.
 */
final class AxisWeights {
    /** PIL's fixed-point precision for 8-bit images ({@code PRECISION_BITS = 32 - 8 - 2}). */
    static final int PRECISION_BITS = 22;

    /** the first input index each output pixel reads */
    final int[] first;
    /** how many input pixels each output pixel reads */
    final int[] count;
    /** the stride of {@link #weights}: taps reserved per output pixel */
    final int taps;
    /** normalised weights, {@code taps} per output pixel, unused ones 0 */
    final double[] weights;

    AxisWeights(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        // the triangle's support is 1 input pixel, stretched by the shrink factor
        double support = Math.max(scale, 1.0);
        taps = (int) Math.ceil(support) * 2 + 1;
        first = new int[outSize];
        count = new int[outSize];
        weights = new double[outSize * taps];
        for (int i = 0; i < outSize; i++) {
            if (inSize == outSize) {
                first[i] = i;
                count[i] = 1;
                weights[i * taps] = 1;
            } else {
                triangle(i, inSize, scale, support);
            }
        }
    }

    private void triangle(int i, int inSize, double scale, double support) {
        double center = (i + 0.5) * scale;
        double inverse = 1.0 / support; // PIL multiplies by the reciprocal; dividing can round differently
        // (int) truncates towards zero like C's cast; negative starts are clamped anyway
        int lo = Math.max((int) (center - support + 0.5), 0);
        int hi = Math.min((int) (center + support + 0.5), inSize);
        double sum = 0;
        for (int x = lo; x < hi; x++) {
            double w = Math.max(0.0, 1.0 - Math.abs((x - center + 0.5) * inverse));
            weights[i * taps + x - lo] = w;
            sum += w;
        }
        if (sum != 0) {
            for (int k = 0; k < hi - lo; k++) {
                weights[i * taps + k] /= sum;
            }
        }
        first[i] = lo;
        count[i] = hi - lo;
    }

    /**
     * @return the weights in PIL's 8-bit fixed point ({@code normalize_coeffs_8bpc}: rounded to
     *         multiples of 2^-22, kept as doubles, which hold these integers exactly)
     */
    double[] fixedPoint() {
        double[] fixed = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            // bilinear weights are never negative, so PIL's branch for negative taps never runs
            fixed[k] = (int) (0.5 + weights[k] * (1 << PRECISION_BITS));
        }
        return fixed;
    }
}
