package org.depthfm.ops.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class TileAlignmentTest {
    private static final int W = 96;
    private static final int H = 80;

    /** A positive global depth with spread: 1 .. e^2 over the tile. */
    private static double globalAt(int x, int y) {
        return Math.exp(2.0 * x / W + 0.5 * Math.sin(0.2 * y) * Math.cos(0.13 * x));
    }

    private static RandomAccessibleInterval<FloatType> image(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return ArrayImgs.floats(f, W, H);
    }

    private static double[] global() {
        double[] g = new double[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                g[x + y * W] = globalAt(x, y);
            }
        }
        return g;
    }

    /** The tile {@code exp((log g - t) / s)}, so that the exact fit is (s, t). */
    private static double[] tile(double[] global, double s, double t) {
        return Arrays.stream(global).map(g -> Math.exp((Math.log(g) - t) / s)).toArray();
    }

    @Test
    void recoversAnExactLogAffineMap() {
        double[] g = global();
        double[] p = tile(g, 0.8, -0.6);
        TileFit fit = TileAlignment.fit(image(p), image(g));
        // float inputs: exact to their precision
        assertEquals(0.8, fit.logDepth().scale(), 1e-5);
        assertEquals(-0.6, fit.logDepth().shift(), 1e-5);
        assertEquals(W * H, fit.logDepth().samples());
        RandomAccessibleInterval<FloatType> aligned = TileAlignment.aligned(image(p), fit);
        double[] a = Views.flatIterable(aligned).stream().mapToDouble(FloatType::getRealDouble).toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(1, a[i] / g[i], 2e-5);
        }
    }

    /**
     * 10% of the tile far too deep (e^1 .. e^3, one-sided) and Gaussian noise of 0.02 in log-depth:
     * the Huber fit stays within 1% of the scale and 0.01 of the shift, where plain least squares
     * (computed here) is pulled off by about 10% * 2 = 0.2 in log-depth.
     */
    @Test
    void robustToOneSidedOutliers() {
        double[] g = global();
        double[] p = tile(g, 1.25, 0.4);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < p.length; i++) {
            p[i] *= Math.exp(0.02 * random.nextGaussian());
            if (random.nextDouble() < 0.1) {
                p[i] *= Math.exp(random.nextDouble(1, 3));
            }
        }
        TileFit fit = TileAlignment.fit(image(p), image(g));
        assertEquals(1.25, fit.logDepth().scale(), 0.0125);
        assertEquals(0.4, fit.logDepth().shift(), 0.01);
        // least squares of log p on log g, inverted as the fit is
        double mx = Arrays.stream(g).map(Math::log).average().orElseThrow();
        double my = Arrays.stream(p).map(Math::log).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < g.length; i++) {
            sxx += Math.pow(Math.log(g[i]) - mx, 2);
            sxy += (Math.log(g[i]) - mx) * (Math.log(p[i]) - my);
        }
        double slope = sxy / sxx;
        double lsShift = -(my - slope * mx) / slope;
        assertTrue(Math.abs(lsShift - 0.4) > 0.1, "least squares shift " + lsShift);
    }

    @Test
    void skipsInvalidPixelsAndFloorsZeros() {
        double[] g = global();
        double[] p = tile(g, 2, 1);
        double maxP = Arrays.stream(p).max().orElseThrow();
        p[0] = 0;
        p[1] = -3;
        p[2] = Double.NaN;
        p[3] = Double.POSITIVE_INFINITY;
        g[4] = 0;
        g[5] = Double.NaN;
        TileFit fit = TileAlignment.fit(image(p), image(g));
        assertEquals(W * H - 6, fit.logDepth().samples());
        assertEquals(2, fit.logDepth().scale(), 1e-5);
        assertEquals(1, fit.logDepth().shift(), 1e-5);
        assertEquals(TileAlignment.FLOOR * maxP, fit.floor(), 1e-6 * fit.floor());
        // 0 and negative depth align as the floor does; NaN and infinity give NaN
        double atFloor = Math.exp(2 * Math.log(fit.floor()) + 1);
        assertEquals(atFloor, fit.apply(0), 1e-3 * atFloor); // log(floor) ~ -16 magnifies the fit's 1e-5
        assertEquals(fit.apply(fit.floor()), fit.apply(0));
        assertEquals(fit.apply(fit.floor()), fit.apply(-3));
        assertEquals(fit.apply(fit.floor()), fit.apply(fit.floor() / 10));
        assertTrue(Double.isNaN(fit.apply(Double.NaN)));
        assertTrue(Double.isNaN(fit.apply(Double.POSITIVE_INFINITY)));
    }

    /** The deviation rule against a numerical derivative of the alignment. */
    @Test
    void deviationFollowsTheDerivative() {
        TileFit fit = TileAlignment.fit(image(tile(global(), 1.7, -0.3)), image(global()));
        for (double p : new double[] {0.5, 1, 3}) {
            double h = 1e-6 * p;
            double derivative = (fit.apply(p + h) - fit.apply(p - h)) / (2 * h);
            assertEquals(derivative * 0.1, fit.applyToDeviation(p, 0.1), 1e-6 * derivative);
        }
        assertTrue(Double.isNaN(fit.applyToDeviation(1, Double.NaN)));
        RandomAccessibleInterval<FloatType> depth = ArrayImgs.floats(new float[] {2}, 1, 1);
        RandomAccessibleInterval<FloatType> sd = ArrayImgs.floats(new float[] {0.2f}, 1, 1);
        assertEquals(fit.applyToDeviation(2, 0.2f),
                TileAlignment.alignedDeviation(depth, sd, fit).getAt(0, 0).getRealDouble(), 1e-6);
    }

    @Test
    void degenerateTilesFallBackToTheShift() {
        // a flat global fixes no scale: scale 1 and the median shift
        double[] g = new double[W * H];
        Arrays.fill(g, Math.E);
        double[] p = tile(global(), 1, 0);
        TileFit flat = TileAlignment.fit(image(p), image(g));
        assertEquals(1, flat.logDepth().scale());
        double[] logRatio = Arrays.stream(p).map(v -> 1 - Math.log((float) v)).sorted().toArray();
        assertEquals(logRatio[logRatio.length / 2], flat.logDepth().shift(), 1e-6);
        // a tile that orders depth against the global: no inverted tile
        TileFit inverted = TileAlignment.fit(image(tile(global(), -1, 0)), image(global()));
        assertEquals(1, inverted.logDepth().scale());
        // a chosen scale
        TileFit fixed = TileAlignment.fitShift(image(tile(global(), 1.5, 0.25)), image(global()), 1.5);
        assertEquals(1.5, fixed.logDepth().scale());
        assertEquals(0.25, fixed.logDepth().shift(), 1e-5);
    }

    @Test
    void acceptsTilesWithTheirOwnOrigin() {
        double[] g = global();
        RandomAccessibleInterval<FloatType> big = ArrayImgs.floats(W + 40, H + 30);
        RandomAccessibleInterval<FloatType> inBig = Views.interval(big, new Tile(40, 30, W, H).interval());
        float[] gf = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            gf[i] = (float) g[i];
        }
        net.imglib2.loops.LoopBuilder.setImages(ArrayImgs.floats(gf, W, H), inBig).forEachPixel((a, b) -> b.set(a));
        TileFit fit = TileAlignment.fit(image(tile(g, 0.9, 0.1)), inBig);
        assertEquals(0.9, fit.logDepth().scale(), 1e-5);
        assertEquals(0.1, fit.logDepth().shift(), 1e-5);
    }

    @Test
    void rejectsUnusableInputWithTheFix() {
        RandomAccessibleInterval<FloatType> g = image(global());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TileAlignment.fit(ArrayImgs.floats(W, H - 1), g));
        assertTrue(e.getMessage().contains("the tile's depth is 96x79 but the global depth over the tile is 96x80"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TileAlignment.fit(ArrayImgs.floats(W, H), g));
        assertTrue(e.getMessage().contains("the tile's depth has no finite positive pixel"), e.getMessage());
        RandomAccessibleInterval<FloatType> nanGlobal = ArrayImgs.floats(W, H);
        Views.iterable(nanGlobal).forEach(t -> t.set(Float.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> TileAlignment.fit(g, nanGlobal));
        assertTrue(e.getMessage().contains("no pixel of the tile has finite positive depth in both"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TileAlignment.fitShift(g, g, 0));
        assertTrue(e.getMessage().contains("the scale must be positive and finite, not 0.0"), e.getMessage());
    }

    @Test
    void medianSelectsTheMiddleValue() {
        SplittableRandom random = new SplittableRandom(2);
        for (int n : new int[] {1, 2, 3, 10, 101, 1000}) {
            float[] v = new float[n + 5];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextInt(20); // many ties
            }
            float[] sorted = Arrays.copyOf(v, n);
            Arrays.sort(sorted);
            assertEquals(sorted[n / 2], TileAlignment.median(v, n), "n = " + n);
        }
    }
}
