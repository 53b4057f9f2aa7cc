/**
 * From the engine's decoded log-depth to what users see: the ensemble mean, the official min-max
 * normalised depth and its variants ({@link org.depthfm.ops.depth.DepthOutput},
 * {@link org.depthfm.ops.depth.DepthNormalization}, {@link org.depthfm.ops.depth.DepthMaps}), and
 * the ensemble's uncertainty ({@link org.depthfm.ops.depth.Uncertainty}, paper Fig. 6).
 *
 * <p>Members are stacked along the last axis: {@code (X, Y, E)}, each plane one member's decoder
 * output averaged over its three channels, which is normalised log-depth.
 */
package org.depthfm.ops.depth;
