/**
 * Depth completion's image maths: the known points and their checks
 * ({@link org.depthfm.ops.completion.KnownPoints}), the completion model's dense, normalised
 * conditioning ({@link org.depthfm.ops.completion.CompletionConditioning}) and the error at the
 * points ({@link org.depthfm.ops.completion.Residuals}). Fitting the prediction to the points is
 * {@link org.depthfm.ops.align.Alignment}'s.
 */
package org.depthfm.ops.completion;
