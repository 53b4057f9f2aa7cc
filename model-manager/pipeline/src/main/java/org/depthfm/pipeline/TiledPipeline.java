package org.depthfm.pipeline;

import java.util.List;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthPredictor;
import org.depthfm.engine.flow.Prediction;
import org.depthfm.engine.flow.Trace;
import org.depthfm.ops.Pointwise;
import org.depthfm.ops.convert.IntensityRange;
import org.depthfm.ops.convert.ModelInput;
import org.depthfm.ops.depth.DepthMaps;
import org.depthfm.ops.depth.DepthNormalization;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.ops.depth.Uncertainty;
import org.depthfm.ops.resample.PilBilinear;
import org.depthfm.ops.tiles.Tile;
import org.depthfm.ops.tiles.TileAlignment;
import org.depthfm.ops.tiles.TileFit;
import org.depthfm.ops.tiles.TileLayout;
import org.depthfm.ops.tiles.TileMerger;

/**
 * Tiled refinement (issue "large images"): a global pass at the processing size gives the layout
 * of the scene, then overlapping tiles at the image's own resolution give the detail. Each tile's
 * depth is aligned to the global pass in log-depth over the tile (robust scale and shift,
 * {@link TileAlignment}) and blended with smooth weights over the overlaps ({@link TileMerger}), so
 * no seam remains. Memory is that of one tile's prediction plus a few full-size float maps.
 *
 * <p>The merged map is a positive relative depth {@code D}; the output is then the usual
 * normalisation of {@code log D} ({@link DepthNormalization}). The uncertainty is each tile's
 * standard deviation of {@code exp(member)}, scaled by the tile's fitted scale and blended with the
 * same weights, then carried into the output's units to first order.
 */
final class TiledPipeline {
    /** The tiles overlap by a quarter: room for the alignment and a smooth blend. */
    static final double OVERLAP = 0.25;

    private TiledPipeline() {
    }

    static <T extends RealType<T>> DepthPipeline.FrameResult estimate(DepthFM model, RandomAccessibleInterval<T> rgb,
            EstimateOptions options, Progress progress) {
        if (options.members()) {
            throw new IllegalArgumentException("--members (Fiji: members) cannot be combined with --tiles (Detail):"
                    + " every tile has its own members; leave one of them out");
        }
        long w = rgb.dimension(0);
        long h = rgb.dimension(1);
        TileLayout layout = TileLayout.withOverlapFraction(w, h, options.tileSize(), OVERLAP);
        List<Tile> tiles = layout.tiles();
        double share = 1.0 / (tiles.size() + 1);
        // 1. the global pass at the processing size, back at full size as positive depth
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(rgb,
                DepthPipeline.processingSide(w, h, options.processingRes()), model.sizeMultiple());
        Prediction global = DepthPredictor.predict(model, input, options.sampling(), progress.part(0, share,
                "global at " + input.dimension(0) + "x" + input.dimension(1) + " (then " + tiles.size() + " tiles), "),
                Trace.NONE);
        RandomAccessibleInterval<FloatType> globalDepth = Pointwise.map(PilBilinear.resize(global.ensembleMean(), w, h),
                Math::exp);
        // 2. every tile at the image's own resolution, mapped with the whole image's intensities, aligned and
        //    merged one at a time
        IntensityRange range = ModelInput.range(rgb);
        TileMerger merger = new TileMerger(layout, options.uncertainty());
        for (int i = 0; i < tiles.size(); i++) {
            progress.checkCancelled();
            Tile tile = tiles.get(i);
            RandomAccessibleInterval<T> crop = Views.zeroMin(Views.interval(rgb, new FinalInterval(
                    new long[] {tile.x0(), tile.y0(), 0},
                    new long[] {tile.x0() + tile.width() - 1, tile.y0() + tile.height() - 1, 2})));
            Prediction p = DepthPredictor.predict(model, ModelInput.tile(crop, range, model.sizeMultiple()),
                    options.sampling(), progress.part((i + 1) * share, share, "tile " + (i + 1) + "/" + tiles.size()
                            + ", "), Trace.NONE);
            RandomAccessibleInterval<FloatType> depth = Pointwise.map(
                    PilBilinear.resize(p.ensembleMean(), tile.width(), tile.height()), Math::exp);
            TileFit fit = TileAlignment.fit(depth, Views.interval(globalDepth, tile.interval()));
            if (options.uncertainty()) {
                RandomAccessibleInterval<FloatType> sd = PilBilinear.resize(linearDeviation(p.members()), tile.width(),
                        tile.height());
                merger.add(tile, TileAlignment.aligned(depth, fit), TileAlignment.alignedDeviation(depth, sd, fit));
            } else {
                merger.add(tile, TileAlignment.aligned(depth, fit));
            }
        }
        // 3. the merged depth in the output's units
        RandomAccessibleInterval<FloatType> merged = ArrayImgs.floats(w, h);
        merger.result(merged);
        RandomAccessibleInterval<FloatType> logDepth = Pointwise.map(merged, Math::log);
        DepthNormalization n = DepthNormalization.fit(logDepth, options.output());
        RandomAccessibleInterval<FloatType> sigma = null;
        if (options.uncertainty()) {
            RandomAccessibleInterval<FloatType> sd = ArrayImgs.floats(w, h);
            merger.uncertainty(sd);
            sigma = outputDeviation(merged, sd, n);
        }
        return new DepthPipeline.FrameResult(DepthMaps.map(logDepth, n), sigma, null, (int) input.dimension(0),
                (int) input.dimension(1));
    }

    /** The standard deviation over the members (last axis) of {@code exp(member)}. */
    private static RandomAccessibleInterval<FloatType> linearDeviation(RandomAccessibleInterval<FloatType> members) {
        // DEPTH normalised from 0 to 1 is exp(m) itself
        return Uncertainty.standardDeviation(members, new DepthNormalization(DepthOutput.DEPTH, 0, 1));
    }

    /**
     * A deviation {@code sd} of the positive depth {@code D} in the output's units, to first order:
     * {@code |f'(D)| sd} for the output map {@code f} (0 for a constant map, whose output is flat).
     */
    private static RandomAccessibleInterval<FloatType> outputDeviation(RandomAccessibleInterval<FloatType> depth,
            RandomAccessibleInterval<FloatType> sd, DepthNormalization n) {
        double range = n.high() - n.low();
        RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(depth.dimensionsAsLongArray());
        LoopBuilder.setImages(depth, sd, out).forEachPixel((d, s, o) -> {
            double dv = d.getRealDouble();
            double sv = s.getRealDouble();
            double slope = switch (n.output()) {
                case LOG_DEPTH -> 1 / dv;
                case DEPTH, INVERTED_DEPTH -> range > 0 ? 1 / range : 0;
                case DISPARITY -> range > 0 ? 1 / (dv * dv * range) : 0;
            };
            o.setReal(Math.abs(slope) * sv);
        });
        return out;
    }
}
