/**
 * Fitting DepthFM's relative depth to reference depth: least-squares and robust scale and shift in
 * linear, log or disparity space ({@link org.depthfm.ops.align.Alignment}), and frame-to-frame
 * alignment of stacks and videos ({@link org.depthfm.ops.align.TemporalAlignment}).
 */
package org.depthfm.ops.align;
