/**
 * Evaluation as in the paper (§4) and the usual benchmarks: depth errors after affine alignment
 * ({@link org.depthfm.ops.metrics.Evaluation}), edge precision and recall of depth discontinuities
 * ({@link org.depthfm.ops.metrics.EdgeAccuracy}, paper Table 4), and the check that uncertainty
 * predicts error ({@link org.depthfm.ops.metrics.UncertaintyCheck}).
 */
package org.depthfm.ops.metrics;
