package org.depthfm.ops.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import net.imglib2.FinalDimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.base.Progress;
import org.depthfm.ops.Checks;

/**
 * Tiled refinement in one call: for each tile of a layout, predict its depth, align it to the
 * global depth ({@link TileAlignment#fit}) and merge it ({@link TileMerger}), holding one tile at a
 * time.
 */
public final class TiledRefinement {
    private TiledRefinement() {
    }

    /**
     * Predicts, aligns and merges every tile of a layout into a full-size depth map.
     *
     * @param <G> the global depth's pixel type
     * @param global the global (coarse, upsampled) depth, the layout's size; any origin
     * @param layout the tiles
     * @param predictor the tile's predicted depth, {@code tile.width() x tile.height()}, any origin;
     *        called once per tile, in the layout's order, with the tile's part of the progress
     * @param progress the run's progress (tile by tile), checked for a cancel before each tile
     * @param target the merged depth, the layout's size; any origin; written only when all tiles
     *        are merged
     * @return each tile's fit, in the layout's order
     * @throws IllegalArgumentException if a size differs from the layout's, the predictor returns
     *         null, or a tile cannot be fitted ({@link TileAlignment#fit})
     * @throws java.util.concurrent.CancellationException if the progress cancels; the target is left as it was
     */
    public static <G extends RealType<G>> List<TileFit> refine(RandomAccessibleInterval<G> global, TileLayout layout,
            BiFunction<Tile, Progress, RandomAccessibleInterval<FloatType>> predictor, Progress progress,
            RandomAccessibleInterval<FloatType> target) {
        FinalDimensions size = new FinalDimensions(layout.width(), layout.height());
        Checks.requireSameSize("the global depth", global, "the tiled image", size);
        Checks.requireSameSize("the merge's target", target, "the tiled image", size);
        RandomAccessibleInterval<G> zeroBased = Views.zeroMin(global);
        List<Tile> tiles = layout.tiles();
        List<TileFit> fits = new ArrayList<>(tiles.size());
        TileMerger merger = new TileMerger(layout);
        for (Tile tile : tiles) {
            progress.checkCancelled();
            int n = tiles.size();
            int i = fits.size();
            RandomAccessibleInterval<FloatType> depth = predictor.apply(tile,
                    progress.part((double) i / n, 1.0 / n, "tile " + (i + 1) + "/" + n + ", "));
            if (depth == null) {
                throw new IllegalArgumentException("the predictor returned no depth for the tile at (" + tile.x0()
                        + ", " + tile.y0() + "); return a " + tile.width() + "x" + tile.height() + " image");
            }
            TileFit fit = TileAlignment.fit(depth, Views.interval(zeroBased, tile.interval()));
            merger.add(tile, TileAlignment.aligned(depth, fit));
            fits.add(fit);
            progress.update((double) fits.size() / tiles.size(), "tile " + fits.size() + "/" + tiles.size() + " merged");
        }
        merger.result(target);
        return List.copyOf(fits);
    }
}
