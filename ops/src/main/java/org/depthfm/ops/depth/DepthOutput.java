package org.depthfm.ops.depth;

/**
 * The depth maps offered from the log-depth {@code m} (the decoder's channel mean, averaged over
 * the ensemble). DepthFM's depth is relative: the official output is only defined up to scale and
 * shift, so each map is min-max normalised over the image except the raw log-depth.
 */
public enum DepthOutput {
    /** The official output: {@code exp(m)} min-max normalised to [0, 1]; 0 is nearest, 1 farthest. */
    DEPTH,
    /** {@code 1 - DEPTH}: near is bright, as many viewers expect. */
    INVERTED_DEPTH,
    /**
     * {@code exp(-m)} min-max normalised to [0, 1]: inverse depth (near is bright), which unlike
     * {@link #INVERTED_DEPTH} is a reciprocal, so it compresses the far range.
     */
    DISPARITY,
    /** {@code m} itself, not normalised: the log-depth the paper aligns in for evaluation. */
    LOG_DEPTH
}
