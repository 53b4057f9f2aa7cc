package org.depthfm.ops.tiles;

import java.util.Arrays;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * The blending weights of a tile: separable, {@code w(x, y) = r(x) * r(y)}, 1 in the tile's
 * interior and falling towards each edge that a neighbouring tile overlaps.
 *
 * <p>The ramp is a raised cosine over the layout's {@code overlap} pixels next to such an edge:
 * at the {@code i}-th pixel from the edge ({@code i = 0 .. overlap - 1}) the weight is
 * {@code sin^2(pi/2 * (i + 0.5) / overlap)}. Sampling at pixel centres keeps it above 0 (the
 * smallest value is {@code sin^2(pi / (4 overlap))}, about {@code 6e-4} for 32 px), and the ramp's
 * zero slope at both ends leaves no kink where it meets the interior. Two opposite ramps over the
 * same {@code overlap} pixels sum to exactly 1, so where neighbours overlap by exactly
 * {@code overlap} the raw weights are already a partition of unity; where a shifted last tile
 * overlaps more, the sum is at least 1 and the merge divides by it. An edge on the image border has
 * no ramp: its pixels may be covered by that tile alone, and their weight stays 1.
 *
 * <p>Every ramp lies where a neighbour covers the image (a layout's neighbours overlap by at least
 * {@code overlap}), so the weights of all tiles sum to at least 1 at every pixel, and dividing by
 * the sum is well conditioned everywhere. With {@code overlap = 0} all weights are 1.
 */
public final class TileWeights {
    private TileWeights() {
    }

    /**
     * The weights of one tile into a tile-size image.
     *
     * @param layout the layout the tile belongs to
     * @param tile the tile
     * @param target the weights, {@code tile.width() x tile.height()}; any origin
     * @throws IllegalArgumentException if the tile reaches beyond the image or the target's size is
     *         not the tile's
     */
    public static void weights(TileLayout layout, Tile tile, RandomAccessibleInterval<FloatType> target) {
        RandomAccessibleInterval<FloatType> weights = view(layout, tile);
        Checks.requireSameSize("the weights' target", target, "the tile", weights);
        LoopBuilder.setImages(weights, target).forEachPixel((w, t) -> t.set(w));
    }

    /**
     * The weights as a computed, zero-based, tile-size view, so that a merge reads them without
     * storing them.
     */
    static RandomAccessibleInterval<FloatType> view(TileLayout layout, Tile tile) {
        layout.requireInside(tile);
        double[] wx = ramps(tile.x0(), tile.width(), layout.width(), layout.overlap());
        double[] wy = ramps(tile.y0(), tile.height(), layout.height(), layout.overlap());
        FunctionRandomAccessible<FloatType> weights = new FunctionRandomAccessible<>(2,
                (position, w) -> w.setReal(wx[position.getIntPosition(0)] * wy[position.getIntPosition(1)]),
                FloatType::new);
        return Views.interval(weights, new FinalInterval(tile.width(), tile.height()));
    }

    /** One axis' weights: the ramps at the ends that do not lie on the image border. */
    private static double[] ramps(long start, long size, long imageSize, int overlap) {
        double[] w = new double[Math.toIntExact(size)];
        Arrays.fill(w, 1);
        int ramp = (int) Math.min(overlap, size);
        for (int i = 0; i < ramp; i++) {
            double s = Math.sin(0.5 * Math.PI * (i + 0.5) / overlap);
            if (start > 0) {
                w[i] *= s * s;
            }
            if (start + size < imageSize) {
                w[w.length - 1 - i] *= s * s;
            }
        }
        return w;
    }
}
