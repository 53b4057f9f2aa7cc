package org.depthfm.ops.tiles;

import static org.depthfm.ops.tiles.SyntheticScene.global;
import static org.depthfm.ops.tiles.SyntheticScene.knownDepth;
import static org.depthfm.ops.tiles.SyntheticScene.logError;
import static org.depthfm.ops.tiles.SyntheticScene.logFit;
import static org.depthfm.ops.tiles.SyntheticScene.maxRelativeError;
import static org.depthfm.ops.tiles.SyntheticScene.predictor;
import static org.depthfm.ops.tiles.SyntheticScene.steps;
import static org.depthfm.ops.tiles.SyntheticScene.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.base.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** End to end on {@link SyntheticScene}: tiles with random log-affine distortions merge seamlessly. */
class TiledRefinementTest {
    private static final int TILE = 256;
    private static final int OVERLAP = 32;

    private static RandomAccessibleInterval<FloatType> refine(RandomAccessibleInterval<FloatType> known,
            TileLayout layout, Function<Tile, RandomAccessibleInterval<FloatType>> predictor) {
        RandomAccessibleInterval<FloatType> merged = ArrayImgs.floats(layout.width(), layout.height());
        List<TileFit> fits = TiledRefinement.refine(global(known), layout, (t, p) -> predictor.apply(t),
                Progress.NONE,
                merged);
        assertEquals(layout.tiles().size(), fits.size());
        return merged;
    }

    /**
     * Without noise the merge is the known depth, detail included, up to one log-affine map. What is
     * left is the global pass's own error at the tile scale, which the fits pass on: its two bilinear
     * triangles (down and up) attenuate a sinusoid of period T by about {@code 2/3 (pi 8 / T)^2},
     * 1.4e-3 at T = 550 px, so each tile's scale is off by up to a few 1e-3 (measured: at most 0.6%)
     * and the relative depth by up to about 1e-3 (measured: 0.86e-3 at 1000x700, 0.52e-3 at
     * 1037x613). Hence 2e-3; the global pass itself, without the detail, is off by about 4%.
     */
    @ParameterizedTest
    @CsvSource({"1000, 700", "1037, 613"})
    void noiseFreeTilesMergeToTheKnownDepth(int width, int height) {
        RandomAccessibleInterval<FloatType> known = knownDepth(width, height);
        TileLayout layout = new TileLayout(width, height, TILE, OVERLAP);
        RandomAccessibleInterval<FloatType> merged = refine(known, layout, predictor(known, 7, 0, 0, null));

        double[] st = logFit(merged, known, null);
        assertEquals(1, st[0], 1e-2, "global scale");
        assertEquals(0, st[1], 1e-2, "global shift");
        double error = maxRelativeError(merged, known, st);
        assertTrue(error < 2e-3, "max relative error " + error);
        RandomAccessibleInterval<FloatType> global = global(known);
        double globalError = maxRelativeError(global, known, logFit(global, known, null));
        assertTrue(error < globalError / 10, "merged " + error + " vs global " + globalError);
        // no seam: steps across the blending bands are like those inside the tiles
        double[] steps = steps(merged, layout, null);
        assertTrue(steps[0] <= 1.5 * steps[1], "mean step across borders " + steps[0] + ", inside " + steps[1]);
    }

    /**
     * With noise of 0.01 in log-depth and 2% outliers (most far too deep, some 0 or NaN), the merge
     * still matches the known depth away from the outliers. Per pixel the aligned noise is up to
     * 0.01 / 0.7 (the smallest tile scale a), so the largest of ~700 000 pixels is up to ~5 times
     * that: 0.1 bounds the relative error. The fits' error is seen in 32x32 block means of the
     * log-depth error, where the noise averages down to at most 4.5e-4 (2e-3 at 4.4 sigma); with the
     * noise-free 2e-3 that gives 5e-3. One-sided outliers at 2% would shift a least-squares fit by
     * about 0.02 * 2.5 = 0.05.
     */
    @ParameterizedTest
    @CsvSource({"1000, 700", "1037, 613"})
    void noisyTilesWithOutliersMergeToTheKnownDepth(int width, int height) {
        RandomAccessibleInterval<FloatType> known = knownDepth(width, height);
        TileLayout layout = new TileLayout(width, height, TILE, OVERLAP);
        RandomAccessibleInterval<FloatType> outliers = ArrayImgs.floats(width, height);
        RandomAccessibleInterval<FloatType> merged = refine(known, layout,
                predictor(known, 11, 0.01, 0.02, outliers));

        double[] st = logFit(merged, known, outliers);
        assertEquals(1, st[0], 1e-2, "global scale");
        assertEquals(0, st[1], 1e-2, "global shift");
        double[] e = logError(merged, known, st);
        double[] skip = values(outliers);
        double maxError = 0;
        for (int i = 0; i < e.length; i++) {
            maxError = skip[i] == 0 ? Math.max(maxError, Math.abs(Math.expm1(e[i]))) : maxError;
        }
        assertTrue(maxError < 0.1, "max relative error away from outliers " + maxError);
        double blockError = maxBlockMean(e, skip, width, height, 32);
        assertTrue(blockError < 5e-3, "largest 32x32 block mean of the log error " + blockError);
        double[] steps = steps(merged, layout, outliers);
        assertTrue(steps[0] <= 1.5 * steps[1],
                "mean step across borders " + steps[0] + ", inside " + steps[1]);
    }

    private static double maxBlockMean(double[] e, double[] skip, int width, int height, int block) {
        double max = 0;
        for (int by = 0; by + block <= height; by += block) {
            for (int bx = 0; bx + block <= width; bx += block) {
                double sum = 0;
                int n = 0;
                for (int y = by; y < by + block; y++) {
                    for (int x = bx; x < bx + block; x++) {
                        int i = x + y * width;
                        if (skip[i] == 0) {
                            sum += e[i];
                            n++;
                        }
                    }
                }
                max = Math.max(max, Math.abs(sum / n));
            }
        }
        return max;
    }

    /** The seam measure has teeth: the same tiles merged without alignment show their seams. */
    @Test
    void unalignedTilesShowSeams() {
        RandomAccessibleInterval<FloatType> known = knownDepth(1000, 700);
        TileLayout layout = new TileLayout(1000, 700, TILE, OVERLAP);
        Function<Tile, RandomAccessibleInterval<FloatType>> predictor = predictor(known, 7, 0, 0, null);
        TileMerger merger = new TileMerger(layout);
        for (Tile tile : layout.tiles()) {
            merger.add(tile, predictor.apply(tile));
        }
        RandomAccessibleInterval<FloatType> merged = ArrayImgs.floats(1000, 700);
        merger.result(merged);
        double[] steps = steps(merged, layout, null);
        assertTrue(steps[0] > 1.5 * steps[1], "mean step across borders " + steps[0] + ", inside " + steps[1]);
    }

    @Test
    void reportsProgressInLayoutOrderAndCancels() {
        RandomAccessibleInterval<FloatType> known = knownDepth(600, 300);
        TileLayout layout = new TileLayout(600, 300, TILE, OVERLAP);
        List<Tile> predicted = new ArrayList<>();
        List<Tile> reported = new ArrayList<>();
        Function<Tile, RandomAccessibleInterval<FloatType>> predictor = predictor(known, 3, 0, 0, null);
        RandomAccessibleInterval<FloatType> target = ArrayImgs.floats(600, 300);
        Views.iterable(target).forEach(t -> t.set(-1));
        List<Double> fractions = new ArrayList<>();
        Progress cancelAfterTwo = new Progress() {
            @Override
            public void update(double fraction, String what) {
                fractions.add(fraction);
                if (what.endsWith("merged")) {
                    reported.add(predicted.get(predicted.size() - 1));
                }
            }

            @Override
            public void checkCancelled() {
                if (reported.size() == 2) {
                    throw new CancellationException("cancelled after 2 of " + layout.tiles().size() + " tiles");
                }
            }
        };
        CancellationException cancelled = assertThrows(CancellationException.class,
                () -> TiledRefinement.refine(global(known), layout, (tile, part) -> {
                    predicted.add(tile);
                    part.update(0.5, "predicting");
                    return predictor.apply(tile);
                }, cancelAfterTwo, target));
        double n = layout.tiles().size();
        // each tile's own half-way report lands inside its share of the run, then its merge ends it
        assertEquals(List.of(0.5 / n, 1 / n, 1.5 / n, 2 / n), fractions);
        assertTrue(cancelled.getMessage().contains("2 of " + layout.tiles().size()), cancelled.getMessage());
        assertEquals(layout.tiles().subList(0, 2), predicted);
        assertEquals(predicted, reported);
        double[] untouched = new double[600 * 300];
        Arrays.fill(untouched, -1);
        assertArrayEquals(untouched, values(target));
    }

    @Test
    void rejectsImagesOfAnotherSize() {
        TileLayout layout = new TileLayout(600, 300, TILE, OVERLAP);
        RandomAccessibleInterval<FloatType> right = ArrayImgs.floats(600, 300);
        RandomAccessibleInterval<FloatType> wrong = ArrayImgs.floats(300, 600);
        Function<Tile, RandomAccessibleInterval<FloatType>> predictor = t -> ArrayImgs.floats(t.width(), t.height());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TiledRefinement.refine(wrong, layout, (t, p) -> predictor.apply(t), Progress.NONE, right));
        assertTrue(e.getMessage().contains("the global depth is 300x600"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TiledRefinement.refine(right, layout, (t, p) -> predictor.apply(t), Progress.NONE, wrong));
        assertTrue(e.getMessage().contains("the merge's target is 300x600"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TiledRefinement.refine(right, layout,
                (t, p) -> ArrayImgs.floats(t.width() - 1, t.height()), Progress.NONE, right));
        assertTrue(e.getMessage().contains("the tile's depth is 255x256"), e.getMessage());
    }
}
