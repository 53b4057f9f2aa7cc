/**
 * Seamless tiled depth refinement at full resolution: a deterministic layout of overlapping tiles
 * ({@link org.depthfm.ops.tiles.TileLayout}), a robust log-depth alignment of each tile's depth to a
 * coarse global depth ({@link org.depthfm.ops.tiles.TileAlignment}), smooth blending weights
 * ({@link org.depthfm.ops.tiles.TileWeights}) and a streaming merge that holds the full-size
 * accumulators plus one tile at a time ({@link org.depthfm.ops.tiles.TileMerger},
 * {@link org.depthfm.ops.tiles.TiledRefinement}).
 *
 * <p>May import: ImgLib2, the JDK, {@code org.depthfm.ops} (the shared checks) and
 * {@code org.depthfm.ops.align} (the {@code ScaleShift} a fit is expressed in) and
 * {@code org.depthfm.base.Progress}. No DJL, no ImageJ, no other DepthFM module: the predictor that produces a tile's depth is the caller's callback.
 */
package org.depthfm.ops.tiles;
