package org.depthfm.ops.tiles;

import net.imglib2.FinalDimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Util;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * A streaming, weighted merge of tiles into one full-size depth map: tiles are added one at a time
 * and forgotten, and the result is {@code sum(w_k * d_k) / sum(w_k)} with the weights of
 * {@link TileWeights}.
 *
 * <p><b>Memory.</b> The merger holds two full-size float accumulators (weighted depth and weight;
 * a third for the weighted deviation when it merges uncertainty), 8 or 12 bytes a pixel, in an
 * array image or, beyond 2^31 pixels, a cell image; during {@link #add} it reads one tile, which
 * may be a computed view such as {@link TileAlignment#aligned}. A pixel's sums have one term per
 * covering tile (usually at most four), so float accumulation costs a few float roundings.
 *
 * <p><b>Invalid pixels.</b> A tile pixel whose depth (or, when merging uncertainty, whose deviation)
 * is not finite adds nothing, so other tiles cover it; a pixel no tile has covered yet is NaN in
 * the result. {@link #result} can be called at any time, for a preview, and again later.
 *
 * <p><b>Uncertainty.</b> The merged deviation is the same weighted mean of the tiles' (aligned,
 * {@link TileAlignment#alignedDeviation}) deviations. Overlapping tiles predict the same pixels
 * and their errors are far from independent, so their deviations are averaged, not combined as
 * independent ({@code sqrt(sum w^2 sigma^2) / sum w}), which would report a falsely small
 * uncertainty in the overlaps and a visible pattern of the tile grid.
 *
 * <p>Not thread-safe: add tiles from one thread (each {@link #add} itself runs in parallel in the
 * current {@code Parallelization} context).
 */
public final class TileMerger {
    private final TileLayout layout;
    private final Img<FloatType> weightedDepth;
    private final Img<FloatType> weights;
    /** null unless this merger merges uncertainty */
    private final Img<FloatType> weightedDeviation;
    private int added;

    /**
     * A merger of depth only.
     *
     * @param layout the image's size and the tiles' overlap
     */
    public TileMerger(TileLayout layout) {
        this(layout, false);
    }

    /**
     * A merger of depth and, optionally, its standard deviation.
     *
     * @param layout the image's size and the tiles' overlap
     * @param uncertainty whether each tile comes with a deviation to merge
     *        ({@link #add(Tile, RandomAccessibleInterval, RandomAccessibleInterval)})
     */
    public TileMerger(TileLayout layout, boolean uncertainty) {
        this.layout = layout;
        this.weightedDepth = accumulator(layout);
        this.weights = accumulator(layout);
        this.weightedDeviation = uncertainty ? accumulator(layout) : null;
    }

    /**
     * Adds one tile's depth.
     *
     * @param <T> the depth's pixel type
     * @param tile the tile, inside the image
     * @param depth its depth, already aligned, {@code tile.width() x tile.height()}; any origin
     * @throws IllegalArgumentException if the tile reaches beyond the image, the depth is not the
     *         tile's size, or this merger merges uncertainty too
     */
    public <T extends RealType<T>> void add(Tile tile, RandomAccessibleInterval<T> depth) {
        if (weightedDeviation != null) {
            throw new IllegalArgumentException("this merger merges uncertainty: pass each tile's deviation too "
                    + "(add(tile, depth, deviation)), or create it with new TileMerger(layout)");
        }
        RandomAccessibleInterval<FloatType> w = TileWeights.view(layout, tile);
        Checks.requireSameSize("the tile's depth", depth, "the tile", w);
        LoopBuilder.setImages(depth, w, inTile(weightedDepth, tile), inTile(weights, tile)).multiThreaded()
                .forEachPixel((d, wt, sum, wsum) -> {
                    double v = d.getRealDouble();
                    if (Double.isFinite(v)) {
                        sum.setReal(sum.getRealDouble() + wt.getRealDouble() * v);
                        wsum.setReal(wsum.getRealDouble() + wt.getRealDouble());
                    }
                });
        added++;
    }

    /**
     * Adds one tile's depth and its standard deviation.
     *
     * @param <T> the depth's pixel type
     * @param <U> the deviation's pixel type
     * @param tile the tile, inside the image
     * @param depth its depth, already aligned, {@code tile.width() x tile.height()}; any origin
     * @param deviation the depth's standard deviation, aligned ({@link TileAlignment#alignedDeviation}),
     *        same size
     * @throws IllegalArgumentException if the tile reaches beyond the image, the sizes differ, or this
     *         merger was created without uncertainty
     */
    public <T extends RealType<T>, U extends RealType<U>> void add(Tile tile, RandomAccessibleInterval<T> depth,
            RandomAccessibleInterval<U> deviation) {
        if (weightedDeviation == null) {
            throw new IllegalArgumentException("this merger merges depth only: create it with "
                    + "new TileMerger(layout, true) to merge a deviation, or call add(tile, depth)");
        }
        RandomAccessibleInterval<FloatType> w = TileWeights.view(layout, tile);
        Checks.requireSameSize("the tile's depth", depth, "the tile", w);
        Checks.requireSameSize("the tile's deviation", deviation, "the tile", w);
        LoopBuilder.setImages(depth, deviation, w, inTile(weightedDepth, tile), inTile(weightedDeviation, tile),
                inTile(weights, tile)).multiThreaded().forEachPixel((d, sd, wt, sum, sdSum, wsum) -> {
                    double v = d.getRealDouble();
                    double s = sd.getRealDouble();
                    if (Double.isFinite(v) && Double.isFinite(s)) {
                        double weight = wt.getRealDouble();
                        sum.setReal(sum.getRealDouble() + weight * v);
                        sdSum.setReal(sdSum.getRealDouble() + weight * s);
                        wsum.setReal(wsum.getRealDouble() + weight);
                    }
                });
        added++;
    }

    /**
     * How many tiles have been added.
     *
     * @return the count
     */
    public int tilesAdded() {
        return added;
    }

    /**
     * The merged depth so far.
     *
     * @param target the depth, the layout's size; any origin; NaN where no tile has contributed
     * @throws IllegalArgumentException if the target is not the layout's size
     */
    public void result(RandomAccessibleInterval<FloatType> target) {
        divide(weightedDepth, target);
    }

    /**
     * The merged standard deviation so far.
     *
     * @param target the deviation, the layout's size; any origin; NaN where no tile has contributed
     * @throws IllegalArgumentException if the target is not the layout's size, or this merger was
     *         created without uncertainty
     */
    public void uncertainty(RandomAccessibleInterval<FloatType> target) {
        if (weightedDeviation == null) {
            throw new IllegalArgumentException("this merger merges depth only: create it with "
                    + "new TileMerger(layout, true) to merge a deviation");
        }
        divide(weightedDeviation, target);
    }

    private void divide(Img<FloatType> weighted, RandomAccessibleInterval<FloatType> target) {
        Checks.requireSameSize("the merge's target", target, "the tiled image", weights);
        LoopBuilder.setImages(weighted, weights, target).multiThreaded().forEachPixel((sum, wsum, out) -> {
            float w = wsum.get();
            out.set(w > 0 ? sum.get() / w : Float.NaN);
        });
    }

    private static Img<FloatType> accumulator(TileLayout layout) {
        FinalDimensions size = new FinalDimensions(layout.width(), layout.height());
        return Util.getSuitableImgFactory(size, new FloatType()).create(size);
    }

    private static RandomAccessibleInterval<FloatType> inTile(Img<FloatType> accumulator, Tile tile) {
        return Views.interval(accumulator, tile.interval());
    }
}
