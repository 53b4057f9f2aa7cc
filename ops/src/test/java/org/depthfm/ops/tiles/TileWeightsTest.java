package org.depthfm.ops.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileWeightsTest {

    private static float[] weights(TileLayout layout, Tile tile) {
        RandomAccessibleInterval<FloatType> w = ArrayImgs.floats(tile.width(), tile.height());
        TileWeights.weights(layout, tile, w);
        float[] v = new float[Math.toIntExact(tile.width() * tile.height())];
        int[] i = {0};
        Views.flatIterable(w).forEach(t -> v[i[0]++] = t.get());
        return v;
    }

    /** The sum of all tiles' weights at each pixel, in double. */
    private static double[] sums(TileLayout layout) {
        double[] sum = new double[Math.toIntExact(layout.width() * layout.height())];
        for (Tile t : layout.tiles()) {
            float[] w = weights(layout, t);
            for (int y = 0; y < t.height(); y++) {
                for (int x = 0; x < t.width(); x++) {
                    float v = w[Math.toIntExact(x + y * t.width())];
                    assertTrue(v > 0 && v <= 1, () -> "weight " + v + " in " + t);
                    sum[Math.toIntExact(t.x0() + x + (t.y0() + y) * layout.width())] += v;
                }
            }
        }
        return sum;
    }

    /** The raised cosine by hand: sin^2(pi/2 (i + 1/2) / 4) for i = 0..3 at the ends, 1 in between. */
    @Test
    void rampsByHand() {
        // tiles of 10 at 0 and 6 on a 16-wide row: the first ramps down on its last 4, the second up on its first 4
        TileLayout layout = new TileLayout(16, 1, 10, 4);
        double[] ramp = new double[4];
        for (int i = 0; i < 4; i++) {
            ramp[i] = Math.pow(Math.sin(Math.PI / 2 * (i + 0.5) / 4), 2);
        }
        float[] first = weights(layout, new Tile(0, 0, 10, 1));
        float[] second = weights(layout, new Tile(6, 0, 10, 1));
        for (int i = 0; i < 6; i++) {
            assertEquals(1, first[i], "interior and the image border: no ramp");
            assertEquals(1, second[9 - i], "interior and the image border: no ramp");
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(ramp[i], first[9 - i], 1e-7);
            assertEquals(ramp[i], second[i], 1e-7);
            // opposite ramps over the same pixels sum to 1: sin^2 + cos^2
            assertEquals(1, first[6 + i] + second[i], 1e-6);
        }
        assertEquals(Math.pow(Math.sin(Math.PI / 16), 2), second[0], 1e-7, "the smallest weight is above 0");
    }

    /**
     * Positive everywhere, at least 1 in sum, exactly 1 where neighbours overlap by exactly the
     * overlap, and a partition of unity once divided by the sum (as the merge does).
     */
    @ParameterizedTest
    @CsvSource({"1000, 700, 256, 32", "1037, 613, 256, 32", "1037, 613, 768, 96", "300, 200, 100, 40",
        "500, 100, 100, 0"})
    void positiveAndSummingToAtLeastOne(long width, long height, int tileSize, int overlap) {
        TileLayout layout = new TileLayout(width, height, tileSize, overlap);
        double[] sum = sums(layout);
        for (double s : sum) {
            assertTrue(s >= 1 - 1e-6, () -> "weights sum to " + s);
        }
        // the normalised weights of each pixel sum to 1
        double[] normalised = new double[sum.length];
        for (Tile t : layout.tiles()) {
            float[] w = weights(layout, t);
            for (int y = 0; y < t.height(); y++) {
                for (int x = 0; x < t.width(); x++) {
                    int i = Math.toIntExact(t.x0() + x + (t.y0() + y) * width);
                    normalised[i] += w[Math.toIntExact(x + y * t.width())] / sum[i];
                }
            }
        }
        for (double n : normalised) {
            assertEquals(1, n, 1e-6);
        }
    }

    /** 1000 = 0, 224, 448, 672 (+256 = 928), 744: the regular columns before 744 sum to exactly 1. */
    @Test
    void regularOverlapsArePartitionsOfUnityAlready() {
        TileLayout layout = new TileLayout(1000, 700, 256, 32);
        double[] sum = sums(layout);
        for (int y = 0; y < 224; y++) { // first tile row, above the shifted last row
            for (int x = 0; x < 744; x++) {
                assertEquals(1, sum[x + y * 1000], 1e-6, "a regular overlap");
            }
        }
        // where the interiors of the shifted tile 744..999 and of 672..927 meet, the sum is 2: the merge divides
        assertEquals(2, sum[800 + 10 * 1000], 1e-6);
    }

    @Test
    void rejectsTilesOutsideAndTargetsOfAnotherSize() {
        TileLayout layout = new TileLayout(100, 100, 64, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TileWeights.weights(layout, new Tile(50, 0, 64, 64), ArrayImgs.floats(64, 64)));
        assertTrue(e.getMessage().contains("reaches beyond the 100x100 image"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TileWeights.weights(layout, new Tile(36, 0, 64, 64), ArrayImgs.floats(64, 63)));
        assertTrue(e.getMessage().contains("the weights' target is 64x63 but the tile is 64x64"), e.getMessage());
    }
}
