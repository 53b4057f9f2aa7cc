package org.depthfm.ops.completion;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * Known depths at pixels of one image, the input of depth completion. Pixel {@code (x, y)} counts
 * from the top-left pixel {@code (0, 0)}; every depth is finite and above 0, in the unit of the
 * measurements; a pixel holds at most one depth. The points come from a sparse depth image
 * ({@link #fromSparse}) or from lists of positions and depths ({@link #of}). Arrays are copied in
 * and out.
 *
 * @param x the points' columns
 * @param y the points' rows
 * @param depth the known depths
 */
public record KnownPoints(int[] x, int[] y, double[] depth) {

    /**
     * Checks the points and copies the arrays.
     *
     * @param x the points' columns
     * @param y the points' rows
     * @param depth the known depths
     * @throws IllegalArgumentException if the arrays differ in length, a depth is not finite and
     *         above 0, or two points share a pixel; the message names the point (counted from 1)
     */
    public KnownPoints {
        if (x.length != y.length || x.length != depth.length) {
            throw new IllegalArgumentException("points need as many columns, rows and depths, not " + x.length + ", "
                    + y.length + " and " + depth.length);
        }
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < depth.length; i++) {
            if (!(depth[i] > 0) || !Double.isFinite(depth[i])) {
                throw new IllegalArgumentException("point " + (i + 1) + " at (" + x[i] + ", " + y[i] + ") has depth "
                        + depth[i] + ": known depths must be finite and above 0");
            }
            Integer other = seen.put(((long) y[i] << 32) | (x[i] & 0xffffffffL), i);
            if (other != null) {
                throw new IllegalArgumentException("points " + (other + 1) + " and " + (i + 1) + " fall in the same "
                        + "pixel (" + x[i] + ", " + y[i] + "); give one depth per pixel");
            }
        }
        x = x.clone();
        y = y.clone();
        depth = depth.clone();
    }

    /**
     * Points from positions in pixels, which may be fractional: a position falls in the pixel that
     * contains it, {@code (floor(x), floor(y))}.
     *
     * @param x the points' columns, in [0, width)
     * @param y the points' rows, in [0, height)
     * @param depth the known depths
     * @param width the image's width
     * @param height the image's height
     * @return the points
     * @throws IllegalArgumentException if a position is outside the image or not finite, or as
     *         the constructor
     */
    public static KnownPoints of(double[] x, double[] y, double[] depth, long width, long height) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("points need as many columns as rows, not " + x.length + " and "
                    + y.length);
        }
        int[] px = new int[x.length];
        int[] py = new int[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] < width && y[i] >= 0 && y[i] < height)) {
                throw new IllegalArgumentException("point " + (i + 1) + " at (" + x[i] + ", " + y[i] + ") lies outside"
                        + " the " + width + "x" + height + " image; positions are pixels from the top-left corner");
            }
            px[i] = (int) Math.floor(x[i]);
            py[i] = (int) Math.floor(y[i]);
        }
        return new KnownPoints(px, py, depth);
    }

    /**
     * The points of a sparse depth image: every pixel with a finite value above 0. 0 and NaN mean
     * "unknown", as depth sensors and the paper's sparse maps write it.
     *
     * @param <T> the pixel type
     * @param sparse the sparse depth, a 2D (X, Y) image (any minimum)
     * @return its known points, in flat order
     * @throws IllegalArgumentException if the image is not 2D, or holds a negative or infinite
     *         value (which is neither a depth nor "unknown")
     */
    public static <T extends RealType<T>> KnownPoints fromSparse(RandomAccessibleInterval<T> sparse) {
        Checks.requirePlane("the sparse depth", sparse);
        int n = 0;
        int[] x = new int[64];
        int[] y = new int[64];
        double[] depth = new double[64];
        for (Cursor<T> c = Views.flatIterable(sparse).localizingCursor(); c.hasNext();) {
            double d = c.next().getRealDouble();
            if (d == 0 || Double.isNaN(d)) {
                continue;
            }
            int px = (int) (c.getLongPosition(0) - sparse.min(0));
            int py = (int) (c.getLongPosition(1) - sparse.min(1));
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("the sparse depth is " + d + " at pixel (" + px + ", " + py + "):"
                        + " depths must be above 0, with 0 or NaN where unknown");
            }
            if (n == x.length) {
                x = Arrays.copyOf(x, 2 * n);
                y = Arrays.copyOf(y, 2 * n);
                depth = Arrays.copyOf(depth, 2 * n);
            }
            x[n] = px;
            y[n] = py;
            depth[n++] = d;
        }
        return new KnownPoints(Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(depth, n));
    }

    /** @return a copy of the columns */
    @Override
    public int[] x() {
        return x.clone();
    }

    /** @return a copy of the rows */
    @Override
    public int[] y() {
        return y.clone();
    }

    /** @return a copy of the depths */
    @Override
    public double[] depth() {
        return depth.clone();
    }

    /** @return the number of points */
    public int size() {
        return depth.length;
    }

    /**
     * Requires what fitting a scale and a shift needs: two points at different depths.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    public void requireFittable() {
        if (depth.length == 0) {
            throw new IllegalArgumentException("no known points: give sparse depth with values above 0 (0 or NaN"
                    + " where unknown), or points with their depths");
        }
        if (depth.length == 1) {
            throw new IllegalArgumentException("one known point cannot fix both the scale and the shift of the"
                    + " depth: give at least two, at different depths");
        }
        if (Arrays.stream(depth).allMatch(d -> d == depth[0])) {
            throw new IllegalArgumentException("all " + depth.length + " known points have the same depth ("
                    + depth[0] + "), so the scale of the depth cannot be fitted: give points at different depths");
        }
    }

    /**
     * Requires every point to lie inside an image.
     *
     * @param width the image's width
     * @param height the image's height
     * @throws IllegalArgumentException naming the first point outside
     */
    public void requireInside(long width, long height) {
        for (int i = 0; i < depth.length; i++) {
            if (x[i] < 0 || x[i] >= width || y[i] < 0 || y[i] >= height) {
                throw new IllegalArgumentException("point " + (i + 1) + " at (" + x[i] + ", " + y[i] + ") lies outside"
                        + " the " + width + "x" + height + " image");
            }
        }
    }

    /**
     * The two parts of a random split of the points.
     *
     * @param given the points a method may use
     * @param heldOut the points kept back to measure the error where the method did not look
     */
    public record Split(KnownPoints given, KnownPoints heldOut) {
    }

    /**
     * Splits the points at random, for example to report the error at points a completion did not see.
     *
     * @param heldOutFraction the share of points held out, in [0, 1), rounded to whole points
     * @param seed the random seed, so that a split can be repeated
     * @return the given and the held-out points, each in the original order
     * @throws IllegalArgumentException if the fraction is outside [0, 1)
     */
    public Split split(double heldOutFraction, long seed) {
        if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("the held-out share must be at least 0 and below 1, not "
                    + heldOutFraction);
        }
        int n = depth.length;
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] held = new boolean[n];
        for (int k = 0; k < Math.round(heldOutFraction * n); k++) {
            held[order[k]] = true;
        }
        return new Split(subset(held, false), subset(held, true));
    }

    private KnownPoints subset(boolean[] held, boolean which) {
        int[] idx = IntStream.range(0, held.length).filter(i -> held[i] == which).toArray();
        return new KnownPoints(Arrays.stream(idx).map(i -> x[i]).toArray(), Arrays.stream(idx).map(i -> y[i]).toArray(),
                Arrays.stream(idx).mapToDouble(i -> depth[i]).toArray());
    }

    /**
     * The points as a sparse depth image.
     *
     * @param width the image's width
     * @param height the image's height
     * @return a new image holding each point's depth at its pixel and 0 elsewhere
     * @throws IllegalArgumentException if a point lies outside
     */
    public RandomAccessibleInterval<FloatType> toImage(long width, long height) {
        requireInside(width, height);
        RandomAccessibleInterval<FloatType> image = ArrayImgs.floats(width, height);
        RandomAccess<FloatType> a = image.randomAccess();
        for (int i = 0; i < depth.length; i++) {
            a.setPosition(x[i], 0);
            a.setPosition(y[i], 1);
            a.get().setReal(depth[i]);
        }
        return image;
    }
}
