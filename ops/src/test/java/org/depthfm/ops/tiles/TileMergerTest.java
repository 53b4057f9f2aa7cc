package org.depthfm.ops.tiles;

import static org.depthfm.ops.tiles.SyntheticScene.distortion;
import static org.depthfm.ops.tiles.SyntheticScene.global;
import static org.depthfm.ops.tiles.SyntheticScene.knownDepth;
import static org.depthfm.ops.tiles.SyntheticScene.predictor;
import static org.depthfm.ops.tiles.SyntheticScene.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.ConstantUtils;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class TileMergerTest {

    /** A tile of the function {@code f(x, y) = 1 + x + 2 y / 3} of image coordinates. */
    private static RandomAccessibleInterval<FloatType> affine(Tile t) {
        RandomAccessibleInterval<FloatType> tile = ArrayImgs.floats(t.width(), t.height());
        // the tile with its own origin, at image coordinates
        RandomAccessibleInterval<FloatType> placed = Views.translate(tile, t.x0(), t.y0());
        net.imglib2.Cursor<FloatType> c = Views.iterable(placed).localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            c.get().setReal(1 + c.getDoublePosition(0) + 2 * c.getDoublePosition(1) / 3);
        }
        return placed;
    }

    /** Tiles that agree merge to what they agree on, whatever the weights: the weights are normalised. */
    @Test
    void agreeingTilesMergeToTheirCommonValue() {
        TileLayout layout = new TileLayout(300, 200, 100, 40);
        TileMerger merger = new TileMerger(layout);
        for (Tile t : layout.tiles()) {
            merger.add(t, affine(t));
        }
        assertEquals(layout.tiles().size(), merger.tilesAdded());
        RandomAccessibleInterval<FloatType> out = Views.translate(ArrayImgs.floats(300, 200), 5, -7);
        merger.result(out);
        net.imglib2.Cursor<FloatType> c = Views.iterable(Views.zeroMin(out)).localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            double expected = 1 + c.getDoublePosition(0) + 2 * c.getDoublePosition(1) / 3;
            assertEquals(expected, c.get().get(), 2e-6 * expected);
        }
    }

    @Test
    void nonFiniteTilePixelsAddNothingAndUncoveredPixelsAreNaN() {
        TileLayout layout = new TileLayout(16, 1, 10, 4); // tiles at 0 and 6
        TileMerger merger = new TileMerger(layout);
        RandomAccessibleInterval<FloatType> first = ArrayImgs.floats(10, 1);
        Views.iterable(first).forEach(t -> t.set(2));
        first.getAt(7, 0).set(Float.NaN); // in the overlap: the second tile alone decides
        first.getAt(1, 0).set(Float.POSITIVE_INFINITY); // covered by no other tile
        merger.add(layout.tiles().get(0), first);
        RandomAccessibleInterval<FloatType> preview = ArrayImgs.floats(16, 1);
        merger.result(preview);
        assertEquals(2, preview.getAt(0, 0).get());
        assertTrue(Float.isNaN(preview.getAt(1, 0).get()));
        assertTrue(Float.isNaN(preview.getAt(7, 0).get()));
        assertEquals(2, preview.getAt(8, 0).get(), 1e-6);
        assertTrue(Float.isNaN(preview.getAt(12, 0).get()), "not covered yet");
        merger.add(layout.tiles().get(1), ConstantUtils.constantRandomAccessibleInterval(new FloatType(5),
                layout.tiles().get(1).interval()));
        RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(16, 1);
        merger.result(out);
        assertEquals(5, out.getAt(7, 0).get(), 1e-6);
        assertEquals(5, out.getAt(12, 0).get());
        // at 8: weights sin^2(pi/2 * 1.5/4) for the falling first tile and sin^2(pi/2 * 2.5/4) for the second
        double w1 = Math.pow(Math.sin(Math.PI / 2 * 1.5 / 4), 2);
        double w2 = Math.pow(Math.sin(Math.PI / 2 * 2.5 / 4), 2);
        assertEquals((2 * w1 + 5 * w2) / (w1 + w2), out.getAt(8, 0).get(), 1e-6);
    }

    /**
     * Each tile's relative deviation r (sigma = r * p) becomes s * r = r / a after the alignment
     * (the tile's depth is p = known^a e^b, aligned by s ~ 1/a to the 0.6% the global pass allows, see
     * TiledRefinementTest), so merged sigma / merged depth is
     * r / a_k where tile k alone covers a pixel, and between the neighbours' values in the overlaps.
     */
    @Test
    void mergesTheDeviationWithTheTilesScale() {
        int width = 1000;
        int height = 700;
        double r = 0.05;
        RandomAccessibleInterval<FloatType> known = knownDepth(width, height);
        RandomAccessibleInterval<FloatType> global = global(known);
        TileLayout layout = new TileLayout(width, height, 256, 32);
        Function<Tile, RandomAccessibleInterval<FloatType>> predictor = predictor(known, 9, 0, 0, null);
        TileMerger merger = new TileMerger(layout, true);
        List<Tile> tiles = layout.tiles();
        for (Tile t : tiles) {
            RandomAccessibleInterval<FloatType> p = predictor.apply(t);
            RandomAccessibleInterval<FloatType> sigma = ArrayImgs.floats(t.width(), t.height());
            net.imglib2.loops.LoopBuilder.setImages(p, sigma).forEachPixel((d, s) -> s.setReal(r * d.get()));
            TileFit fit = TileAlignment.fit(p, Views.interval(global, t.interval()));
            merger.add(t, TileAlignment.aligned(p, fit), TileAlignment.alignedDeviation(p, sigma, fit));
        }
        RandomAccessibleInterval<FloatType> depth = ArrayImgs.floats(width, height);
        RandomAccessibleInterval<FloatType> sigma = ArrayImgs.floats(width, height);
        merger.result(depth);
        merger.uncertainty(sigma);
        double[] d = values(depth);
        double[] s = values(sigma);
        double lo = tiles.stream().mapToDouble(t -> r / distortion(9, t)[0]).min().orElseThrow();
        double hi = tiles.stream().mapToDouble(t -> r / distortion(9, t)[0]).max().orElseThrow();
        for (int i = 0; i < d.length; i++) {
            double relative = s[i] / d[i];
            assertTrue(relative >= lo * 0.99 && relative <= hi * 1.01, () -> "relative deviation " + relative);
        }
        int alone = 0;
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 7) {
                int px = x;
                int py = y;
                List<Tile> covering = tiles.stream().filter(t -> px >= t.x0() && px < t.x0() + t.width()
                        && py >= t.y0() && py < t.y0() + t.height()).toList();
                if (covering.size() == 1) {
                    double expected = r / distortion(9, covering.get(0))[0];
                    int i = x + y * width;
                    assertEquals(expected, s[i] / d[i], 0.01 * expected, () -> "at " + px + ", " + py);
                    alone++;
                }
            }
        }
        assertTrue(alone > 1000, alone + " pixels checked");
    }

    @Test
    void rejectsMisuseWithTheFix() {
        TileLayout layout = new TileLayout(100, 100, 64, 8);
        Tile tile = layout.tiles().get(0);
        RandomAccessibleInterval<FloatType> depth = ArrayImgs.floats(64, 64);
        TileMerger depthOnly = new TileMerger(layout);
        TileMerger withUncertainty = new TileMerger(layout, true);
        assertMessage(() -> depthOnly.add(tile, depth, depth), "this merger merges depth only");
        assertMessage(() -> depthOnly.uncertainty(ArrayImgs.floats(100, 100)), "this merger merges depth only");
        assertMessage(() -> withUncertainty.add(tile, depth), "this merger merges uncertainty");
        assertMessage(() -> depthOnly.add(tile, ArrayImgs.floats(64, 60)), "the tile's depth is 64x60 but the tile "
                + "is 64x64");
        assertMessage(() -> withUncertainty.add(tile, depth, ArrayImgs.floats(60, 64)), "the tile's deviation is "
                + "60x64");
        assertMessage(() -> depthOnly.add(new Tile(40, 40, 64, 64), depth), "reaches beyond the 100x100 image");
        assertMessage(() -> depthOnly.result(ArrayImgs.floats(100, 99)), "the merge's target is 100x99 but the tiled "
                + "image is 100x100");
    }

    private static void assertMessage(Runnable bad, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
