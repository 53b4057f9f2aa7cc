/**
 * Sparse to dense, the inputs of the paper's depth completion (appendix): each pixel's nearest
 * known pixel by the exact Euclidean distance transform of Felzenszwalb and Huttenlocher, giving
 * {@link org.depthfm.ops.sparse.DistanceTransform} (the distance) and
 * {@link org.depthfm.ops.sparse.NearestFill} (the nearest known value).
 */
package org.depthfm.ops.sparse;
