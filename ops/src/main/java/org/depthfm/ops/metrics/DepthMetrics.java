package org.depthfm.ops.metrics;

/**
 * The standard depth errors (Eigen et al. 2014) of a prediction {@code p} against ground truth
 * {@code d}, averaged over the valid pixels.
 *
 * @param absRel mean {@code |d - p| / d} (the paper's AbsRel)
 * @param sqRel mean {@code (d - p)^2 / d}
 * @param rmse {@code sqrt(mean (d - p)^2)}
 * @param rmseLog {@code sqrt(mean (ln d - ln p)^2)}
 * @param delta1 share of pixels with {@code max(d / p, p / d) < 1.25} (the paper's δ1)
 * @param delta2 the same share with {@code 1.25^2}
 * @param delta3 the same share with {@code 1.25^3}
 * @param count how many pixels were valid
 */
public record DepthMetrics(double absRel, double sqRel, double rmse, double rmseLog, double delta1, double delta2,
        double delta3, long count) {
}
