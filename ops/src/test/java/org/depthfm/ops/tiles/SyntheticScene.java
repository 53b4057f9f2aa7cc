package org.depthfm.ops.tiles;

import java.util.SplittableRandom;
import java.util.function.Function;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.resample.PilBilinear;

/**
 * A synthetic scene with a known depth, a "global" pass that lacks its detail, and a predictor whose
 * tiles each carry their own unknown log-affine distortion of the known depth, as a model run on
 * each tile alone would.
 */
final class SyntheticScene {
    /** The global pass's downsampling factor. */
    static final int COARSE = 8;

    private SyntheticScene() {
    }

    /**
     * Positive and smooth at the tile scale: a ramp and sinusoids of periods 550 to 900 px, which the
     * global pass keeps, plus detail of period {@link #COARSE} px, which its downsampling filter
     * (a triangle of half-width {@link #COARSE}, whose transfer vanishes at that period) removes.
     */
    static RandomAccessibleInterval<FloatType> knownDepth(int width, int height) {
        float[] d = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 3 + 2.0 * x / width + 1.0 * y / height
                        + 0.8 * Math.sin(2 * Math.PI * x / 700 + 0.4) * Math.cos(2 * Math.PI * y / 550)
                        + 0.3 * Math.sin(2 * Math.PI * (x + 2 * y) / 900)
                        + 0.06 * Math.sin(2 * Math.PI * x / COARSE + 0.5) * Math.sin(2 * Math.PI * y / COARSE + 0.2)
                        + 0.04 * Math.sin(2 * Math.PI * (x + y) / COARSE);
                d[x + y * width] = (float) v;
            }
        }
        return ArrayImgs.floats(d, width, height);
    }

    /** The coarse pass: the known depth at 1/{@link #COARSE} of the size, bilinearly upsampled back. */
    static RandomAccessibleInterval<FloatType> global(RandomAccessibleInterval<FloatType> known) {
        long w = known.dimension(0);
        long h = known.dimension(1);
        return PilBilinear.resize(PilBilinear.resize(known, w / COARSE, h / COARSE), w, h);
    }

    /** A tile's distortion {a, b}: a in [0.7, 1.4], b in [-1, 1], fixed by the seed and the tile. */
    static double[] distortion(long seed, Tile tile) {
        SplittableRandom random = random(seed, tile);
        return new double[] {0.7 + 0.7 * random.nextDouble(), -1 + 2 * random.nextDouble()};
    }

    /**
     * Each tile is {@code exp(a log(known) + b + noise * N(0, 1))} with its {@link #distortion};
     * a fraction of its pixels are outliers, recorded as 1 in {@code outliers} (may be null when
     * the fraction is 0): 80% of them {@code e^1 .. e^4} times too far (one-sided, like a
     * reflection), 10% zero, 10% NaN.
     */
    static Function<Tile, RandomAccessibleInterval<FloatType>> predictor(RandomAccessibleInterval<FloatType> known,
            long seed, double noise, double outlierFraction, RandomAccessibleInterval<FloatType> outliers) {
        return tile -> {
            double[] ab = distortion(seed, tile);
            SplittableRandom random = random(seed + 1, tile);
            RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(tile.width(), tile.height());
            RandomAccess<FloatType> in = known.randomAccess();
            RandomAccess<FloatType> o = out.randomAccess();
            for (int y = 0; y < tile.height(); y++) {
                for (int x = 0; x < tile.width(); x++) {
                    double k = in.setPositionAndGet(tile.x0() + x, tile.y0() + y).getRealDouble();
                    double v = Math.exp(ab[0] * Math.log(k) + ab[1] + noise * random.nextGaussian());
                    if (random.nextDouble() < outlierFraction) {
                        double kind = random.nextDouble();
                        v = kind < 0.8 ? v * Math.exp(random.nextDouble(1, 4)) : kind < 0.9 ? 0 : Double.NaN;
                        outliers.getAt(tile.x0() + x, tile.y0() + y).setOne();
                    }
                    o.setPositionAndGet(x, y).setReal(v);
                }
            }
            return out;
        };
    }

    private static SplittableRandom random(long seed, Tile tile) {
        return new SplittableRandom(seed * 1_000_003L + tile.x0() * 7919L + tile.y0());
    }

    static double[] values(RandomAccessibleInterval<FloatType> image) {
        return Views.flatIterable(image).stream().mapToDouble(FloatType::getRealDouble).toArray();
    }

    /**
     * Least squares {@code log merged = S log known + T} over the pixels not marked in
     * {@code exclude} (null: all): {S, T}.
     */
    static double[] logFit(RandomAccessibleInterval<FloatType> merged, RandomAccessibleInterval<FloatType> known,
            RandomAccessibleInterval<FloatType> exclude) {
        double[] x = values(known);
        double[] y = values(merged);
        double[] skip = exclude == null ? new double[x.length] : values(exclude);
        double n = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            if (skip[i] == 0) {
                n++;
                mx += Math.log(x[i]);
                my += Math.log(y[i]);
            }
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (skip[i] == 0) {
                double dx = Math.log(x[i]) - mx;
                sxx += dx * dx;
                sxy += dx * (Math.log(y[i]) - my);
            }
        }
        double s = sxy / sxx;
        return new double[] {s, my - s * mx};
    }

    /** {@code log(merged) - (S log(known) + T)} per pixel, in flat order. */
    static double[] logError(RandomAccessibleInterval<FloatType> merged, RandomAccessibleInterval<FloatType> known,
            double[] st) {
        double[] m = values(merged);
        double[] k = values(known);
        double[] e = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            e[i] = Math.log(m[i]) - (st[0] * Math.log(k[i]) + st[1]);
        }
        return e;
    }

    /** The largest {@code |merged / exp(S log(known) + T) - 1|}. */
    static double maxRelativeError(RandomAccessibleInterval<FloatType> merged,
            RandomAccessibleInterval<FloatType> known, double[] st) {
        double max = 0;
        for (double e : logError(merged, known, st)) {
            max = Math.max(max, Math.abs(Math.expm1(e)));
        }
        return max;
    }

    /**
     * Mean absolute log-depth step between neighbouring pixels, {@code [across tile borders,
     * inside tiles]}. Across: the horizontal (vertical) steps with a pixel in a blending band, the
     * {@code overlap} columns (rows) next to a tile edge inside the image, which includes the steps
     * straddling a band's edges; inside: all other steps. Steps from or to a pixel marked in
     * {@code exclude} (null: none) are left out.
     */
    static double[] steps(RandomAccessibleInterval<FloatType> merged, TileLayout layout,
            RandomAccessibleInterval<FloatType> exclude) {
        int w = (int) layout.width();
        int h = (int) layout.height();
        boolean[] bandX = bands(layout.tiles().stream().mapToLong(Tile::x0).distinct().toArray(), w, layout);
        boolean[] bandY = bands(layout.tiles().stream().mapToLong(Tile::y0).distinct().toArray(), h, layout);
        double[] v = values(merged);
        double[] skip = exclude == null ? new double[v.length] : values(exclude);
        double[] sum = new double[2];
        long[] count = new long[2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = x + y * w;
                if (skip[i] != 0) {
                    continue;
                }
                double here = Math.log(v[i]);
                if (x + 1 < w && skip[i + 1] == 0) {
                    int k = bandX[x] || bandX[x + 1] ? 0 : 1;
                    sum[k] += Math.abs(Math.log(v[i + 1]) - here);
                    count[k]++;
                }
                if (y + 1 < h && skip[i + w] == 0) {
                    int k = bandY[y] || bandY[y + 1] ? 0 : 1;
                    sum[k] += Math.abs(Math.log(v[i + w]) - here);
                    count[k]++;
                }
            }
        }
        return new double[] {sum[0] / count[0], sum[1] / count[1]};
    }

    private static boolean[] bands(long[] starts, int length, TileLayout layout) {
        boolean[] band = new boolean[length];
        int size = Math.min(layout.tileSize(), length);
        for (long s : starts) {
            for (int i = 0; i < layout.overlap(); i++) {
                if (s > 0) {
                    band[(int) s + i] = true;
                }
                if (s + size < length) {
                    band[(int) s + size - 1 - i] = true;
                }
            }
        }
        return band;
    }
}
