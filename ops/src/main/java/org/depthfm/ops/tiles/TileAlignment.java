package org.depthfm.ops.tiles;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.depthfm.ops.Checks;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.ScaleShift;

/**
 * Alignment of a tile's depth to the global depth (the coarse pass, upsampled to full size) over the
 * tile, in log-depth: {@code s * log(tile) + t ~ log(global)}, fitted robustly.
 *
 * <p><b>Valid pixels.</b> The fit uses the pixels where both depths are finite and positive; NaN,
 * infinite, zero and negative values are skipped. Applying a fit ({@link TileFit#apply}) keeps
 * NaN for non-finite tile depth and raises zero, negative and tiny depth to the floor
 * {@link #FLOOR} times the tile's largest finite depth (the depth is relative, so the floor is too).
 *
 * <p><b>Direction.</b> The line fitted is the tile's log-depth against the global's,
 * {@code log p = a * log g + b}, inverted to {@code s = 1 / a}, {@code t = -b / a}. The global
 * lacks the tile's fine detail by construction, and the tile has its own noise; least squares is
 * unbiased for errors in the fitted variable but shrinks the slope for errors in the regressor
 * ("regression dilution"). Fitting the global against the tile would thus shrink {@code s} by
 * about {@code var(coarse) / var(tile)} and flatten exactly the detail tiling is for; fitting this
 * way round leaves only the global's own (smooth, small) errors in the regressor.
 *
 * <p><b>Robustness.</b> Iteratively reweighted least squares with Huber weights
 * {@code min(1, c / |r|)}, {@code c = 1.345 sigma}, the scale {@code sigma = 1.4826 * median |r|}
 * re-estimated at each step (statsmodels' RLM defaults: Huber's t, MAD scale, updated), from the
 * least-squares start, until the line moves less than {@code 1e-10} or after {@value #ITERATIONS}
 * steps. Huber's loss is convex, so at a given scale the fit has one minimum whatever the start;
 * 1.345 keeps 95% of least squares'
 * efficiency on Gaussian residuals while bounding the pull of outlier pixels (a bad prediction, a
 * reflection, the global's missing detail). A redescending loss (Tukey) rejects gross outliers
 * entirely but can settle on a wrong local minimum; trimmed least squares needs a trimming fraction
 * we cannot know; the RANSAC of {@code Alignment.fitRobust} needs an inlier threshold in log units
 * and is randomised. The fit collects the valid pairs as floats (12 bytes a pixel with its scratch)
 * for the length of the call: one tile's worth.
 *
 * <p><b>Degenerate tiles.</b> Where the global depth is constant over the tile, fewer than two
 * pixels are valid, or the fitted slope is not positive (the tile orders depth against the global),
 * the scale cannot be trusted and the fit falls back to {@link #fitShift} with scale 1. A global
 * that is nearly, but not exactly, flat over the tile still gives a poorly determined scale; a
 * caller can check {@code fit.logDepth().scale()} and refit with {@link #fitShift} at a scale taken
 * from neighbouring tiles.
 */
public final class TileAlignment {
    /** The floor for zero and tiny depths, relative to the tile's largest finite depth. */
    public static final double FLOOR = 1e-6;
    /** Huber's tuning constant, in units of the residuals' robust scale: 95% Gaussian efficiency. */
    private static final double HUBER = 1.345;
    /** {@code 1 / Phi^-1(3/4)}: makes the median absolute residual a standard deviation for Gaussians. */
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final int ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private TileAlignment() {
    }

    /**
     * Fits a tile's depth to the global depth over it, robustly in log-depth.
     *
     * @param <T> the tile depth's pixel type
     * @param <G> the global depth's pixel type
     * @param tileDepth the tile's predicted depth, positive relative depth
     * @param globalDepth the global depth over the same pixels ({@code Views.interval(global, tile.interval())}),
     *        same size; any origin
     * @return the fit; its {@code samples} count the valid pixels
     * @throws IllegalArgumentException if the sizes differ, the tile has no finite positive depth, or
     *         no pixel is valid in both
     */
    public static <T extends RealType<T>, G extends RealType<G>> TileFit fit(RandomAccessibleInterval<T> tileDepth,
            RandomAccessibleInterval<G> globalDepth) {
        Pairs pairs = Pairs.collect(tileDepth, globalDepth);
        if (pairs.n < 2 || pairs.constantGlobal()) {
            return pairs.shift(1);
        }
        double[] line = pairs.huberLine();
        if (!(line[0] > 0) || !Double.isFinite(line[0]) || !Double.isFinite(line[1])) {
            return pairs.shift(1);
        }
        return new TileFit(new ScaleShift(1 / line[0], -line[1] / line[0], AlignmentSpace.LOG, pairs.n), pairs.floor);
    }

    /**
     * Fits only the shift for a given scale: {@code t = median(log g - s * log p)} over the valid
     * pixels, for tiles whose scale the global cannot fix.
     *
     * @param <T> the tile depth's pixel type
     * @param <G> the global depth's pixel type
     * @param tileDepth the tile's predicted depth
     * @param globalDepth the global depth over the same pixels, same size
     * @param scale the scale {@code s}, positive
     * @return the fit with that scale
     * @throws IllegalArgumentException if the sizes differ, the scale is not positive and finite, the
     *         tile has no finite positive depth, or no pixel is valid in both
     */
    public static <T extends RealType<T>, G extends RealType<G>> TileFit fitShift(RandomAccessibleInterval<T> tileDepth,
            RandomAccessibleInterval<G> globalDepth, double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("the scale must be positive and finite, not " + scale
                    + "; use 1 to keep the tile's own depth contrast");
        }
        return Pairs.collect(tileDepth, globalDepth).shift(scale);
    }

    /**
     * The aligned depth of a tile, computed when read (no copy of the tile).
     *
     * @param <T> the tile depth's pixel type
     * @param tileDepth the tile's predicted depth
     * @param fit its alignment
     * @return {@code fit.apply(tileDepth)}, same interval
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> aligned(
            RandomAccessibleInterval<T> tileDepth, TileFit fit) {
        return Converters.convert2(tileDepth, (p, a) -> a.setReal(fit.apply(p.getRealDouble())), FloatType::new);
    }

    /**
     * The standard deviation of a tile's aligned depth, computed when read
     * ({@link TileFit#applyToDeviation}).
     *
     * @param <T> the tile depth's pixel type
     * @param <U> the deviation's pixel type
     * @param tileDepth the tile's predicted depth
     * @param deviation its standard deviation in the same units, same size
     * @param fit the tile's alignment
     * @return the aligned deviation, the interval of {@code tileDepth}
     * @throws IllegalArgumentException if the sizes differ
     */
    public static <T extends RealType<T>, U extends RealType<U>> RandomAccessibleInterval<FloatType> alignedDeviation(
            RandomAccessibleInterval<T> tileDepth, RandomAccessibleInterval<U> deviation, TileFit fit) {
        Checks.requireSameSize("the tile's depth", tileDepth, "its deviation", deviation);
        return Converters.convertRAI2(tileDepth, deviation,
                (p, sd, a) -> a.setReal(fit.applyToDeviation(p.getRealDouble(), sd.getRealDouble())), FloatType::new);
    }

    /** The valid (log global, log tile) pairs of one tile, with the tile's floor. */
    private static final class Pairs {
        private final float[] x;
        private final float[] y;
        private final int n;
        private final double floor;
        /** scratch for medians */
        private final float[] r;

        private Pairs(float[] x, float[] y, int n, double floor) {
            this.x = x;
            this.y = y;
            this.n = n;
            this.floor = floor;
            this.r = new float[n];
        }

        static <T extends RealType<T>, G extends RealType<G>> Pairs collect(RandomAccessibleInterval<T> tileDepth,
                RandomAccessibleInterval<G> globalDepth) {
            Checks.requireSameSize("the tile's depth", tileDepth, "the global depth over the tile", globalDepth);
            int size = Math.toIntExact(tileDepth.size());
            float[] x = new float[size];
            float[] y = new float[size];
            int[] n = {0};
            double[] max = {0};
            LoopBuilder.setImages(tileDepth, globalDepth).flatIterationOrder().forEachPixel((p, g) -> {
                double vp = p.getRealDouble();
                double vg = g.getRealDouble();
                if (Double.isFinite(vp) && vp > 0) {
                    max[0] = Math.max(max[0], vp);
                    if (Double.isFinite(vg) && vg > 0) {
                        x[n[0]] = (float) Math.log(vg);
                        y[n[0]++] = (float) Math.log(vp);
                    }
                }
            });
            if (!(max[0] > 0)) {
                throw new IllegalArgumentException("the tile's depth has no finite positive pixel; check the "
                        + "predictor's output for this tile");
            }
            if (n[0] == 0) {
                throw new IllegalArgumentException("no pixel of the tile has finite positive depth in both the tile "
                        + "and the global depth; pass the global depth over the tile (Views.interval(global, "
                        + "tile.interval()))");
            }
            return new Pairs(x, y, n[0], FLOOR * max[0]);
        }

        boolean constantGlobal() {
            for (int k = 1; k < n; k++) {
                if (x[k] != x[0]) {
                    return false;
                }
            }
            return true;
        }

        /** The robust shift {@code median(log g - s log p)} at a fixed scale. */
        TileFit shift(double scale) {
            for (int k = 0; k < n; k++) {
                r[k] = (float) (x[k] - scale * y[k]);
            }
            return new TileFit(new ScaleShift(scale, median(r, n), AlignmentSpace.LOG, n), floor);
        }

        /** Huber IRLS for {@code y = a x + b}; returns {a, b}. */
        double[] huberLine() {
            double[] line = weightedLine(Double.POSITIVE_INFINITY, 0, 0);
            for (int it = 0; it < ITERATIONS && line != null; it++) {
                double a = line[0];
                double b = line[1];
                for (int k = 0; k < n; k++) {
                    r[k] = (float) Math.abs(y[k] - (a * x[k] + b));
                }
                double c = HUBER * MAD_TO_SIGMA * median(r, n);
                double[] next = weightedLine(c, a, b);
                if (next == null) {
                    break; // the weights left no spread in x: keep the last line
                }
                line = next;
                if (Math.abs(next[0] - a) <= TOLERANCE * (1 + Math.abs(a))
                        && Math.abs(next[1] - b) <= TOLERANCE * (1 + Math.abs(b))) {
                    break;
                }
            }
            return line == null ? new double[] {Double.NaN, Double.NaN} : line;
        }

        /**
         * Weighted least squares with Huber weights for residuals from the line (a, b); an infinite
         * {@code c} weighs all pairs equally. Null if the weighted x have no spread.
         */
        private double[] weightedLine(double c, double a, double b) {
            // centred sums in double, two passes: no cancellation for log values far from 0
            double sw = 0;
            double swx = 0;
            double swy = 0;
            for (int k = 0; k < n; k++) {
                double w = weight(c, y[k] - (a * x[k] + b));
                sw += w;
                swx += w * x[k];
                swy += w * y[k];
            }
            double mx = swx / sw;
            double my = swy / sw;
            double sxx = 0;
            double sxy = 0;
            for (int k = 0; k < n; k++) {
                double w = weight(c, y[k] - (a * x[k] + b));
                double dx = x[k] - mx;
                sxx += w * dx * dx;
                sxy += w * dx * (y[k] - my);
            }
            if (!(sxx > 0)) {
                return null;
            }
            double slope = sxy / sxx;
            return new double[] {slope, my - slope * mx};
        }

        private static double weight(double c, double residual) {
            double r = Math.abs(residual);
            return r <= c ? 1 : c / r;
        }
    }

    /** The middle value (the upper one of an even count) of the first n values; reorders them. */
    static double median(float[] values, int n) {
        int k = n / 2;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) { // quickselect (Hoare partition around the middle element)
            float pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return values[k];
    }
}
