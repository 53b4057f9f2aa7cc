package org.depthfm.ops.metrics;

/**
 * Edge precision and recall of depth discontinuities (Hu et al. 2019; paper Table 4).
 *
 * @param precision the share of predicted edge pixels within the tolerance of a reference edge
 *        pixel; NaN if the prediction has no edge pixel
 * @param recall the share of reference edge pixels within the tolerance of a predicted edge pixel;
 *        NaN if the reference has no edge pixel
 * @param predictedEdges how many pixels are edges in the prediction
 * @param referenceEdges how many pixels are edges in the reference
 */
public record EdgeScore(double precision, double recall, long predictedEdges, long referenceEdges) {

    /**
     * The harmonic mean of precision and recall.
     *
     * @return {@code 2 P R / (P + R)}; NaN if either is NaN, 0 if both are 0
     */
    public double f1() {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
