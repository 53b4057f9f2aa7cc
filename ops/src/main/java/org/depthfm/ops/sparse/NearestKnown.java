package org.depthfm.ops.sparse;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * Each pixel's nearest known pixel in a 2D mask, by the separable exact Euclidean distance
 * transform of Felzenszwalb and Huttenlocher ("Distance Transforms of Sampled Functions", 2012)
 * with the minimising pixel tracked. Rows first: the nearest known pixel within each row, by a
 * sweep each way. Then columns: the lower envelope of the parabolas {@code (y - q)^2 + f(q)},
 * {@code f(q)} the squared row distance at row {@code q}, which gives the 2D minimum. Both passes
 * are linear, so the whole is O(pixels). Squared distances are integers, exact in double. Among
 * equally near known pixels one is chosen.
 */
final class NearestKnown {
    private final int width;
    /** flat index {@code y * width + x} of each pixel's nearest known pixel */
    private final int[] nearest;

    private <B extends BooleanType<B>> NearestKnown(RandomAccessibleInterval<B> known) {
        Checks.requirePlane("the known-pixel mask", known);
        width = Math.toIntExact(known.dimension(0));
        int height = Math.toIntExact(known.dimension(1));
        nearest = new int[Math.multiplyExact(width, height)];
        boolean any = false;
        Cursor<B> c = Views.flatIterable(known).cursor();
        for (int i = 0; i < nearest.length; i++) {
            boolean k = c.next().get();
            nearest[i] = k ? i % width : -1;
            any |= k;
        }
        if (!any) {
            throw new IllegalArgumentException("the mask has no known pixel, so there is no nearest one; give at least "
                    + "one known pixel (for sparse depth, a finite value above 0)");
        }
        for (int y = 0; y < height; y++) {
            nearestInRow(y);
        }
        Envelope envelope = new Envelope(height);
        for (int x = 0; x < width; x += Envelope.BLOCK) {
            envelope.columns(x);
        }
    }

    /** Receives one output pixel, its position and its nearest known pixel's, both from the image's origin. */
    @FunctionalInterface
    interface Visitor {
        void visit(FloatType out, long x, long y, long nearestX, long nearestY);
    }

    /** @return the nearest known pixel of every pixel of a 2D mask */
    static <B extends BooleanType<B>> NearestKnown of(RandomAccessibleInterval<B> known) {
        return new NearestKnown(known);
    }

    /** Visits every pixel of a target of the mask's size (any minimum) with its nearest known pixel. */
    void forEach(RandomAccessibleInterval<FloatType> target, Visitor visitor) {
        for (Cursor<FloatType> c = target.localizingCursor(); c.hasNext();) {
            FloatType out = c.next();
            long x = c.getLongPosition(0) - target.min(0);
            long y = c.getLongPosition(1) - target.min(1);
            int n = nearest[Math.toIntExact(y * width + x)];
            visitor.visit(out, x, y, n % width, n / width);
        }
    }

    /** Replaces the row's known markers (x, or -1) by the x of the nearest known pixel in the row, or -1. */
    private void nearestInRow(int y) {
        int row = y * width;
        int last = -1;
        for (int x = 0; x < width; x++) {
            last = nearest[row + x] >= 0 ? x : last;
            nearest[row + x] = last;
        }
        int next = -1;
        for (int x = width - 1; x >= 0; x--) {
            next = nearest[row + x] == x ? x : next;
            // the left one wins ties, and is kept where there is no known pixel to the right
            if (next >= 0 && (nearest[row + x] < 0 || next - x < x - nearest[row + x])) {
                nearest[row + x] = next;
            }
        }
    }

    /**
     * The column pass, with buffers reused from column to column. Columns are copied out in blocks
     * of {@link #BLOCK}, so that each row's cache line is read once per block instead of once per
     * column.
     */
    private final class Envelope {
        /** columns per block: 16 ints fill a 64-byte cache line */
        static final int BLOCK = 16;
        /** per column of the block, the x of the nearest known pixel in each row, or -1 */
        private final int[][] rowNearest;
        /** per column of the block, the flat index of each pixel's nearest known pixel */
        private final int[][] result;
        /** f(q): the squared distance to the nearest known pixel in row q */
        private final double[] f;
        /** rows of the parabolas in the lower envelope */
        private final int[] v;
        /** boundaries between the envelope's parabolas */
        private final double[] z;

        Envelope(int height) {
            rowNearest = new int[BLOCK][height];
            result = new int[BLOCK][height];
            f = new double[height];
            v = new int[height];
            z = new double[height + 1];
        }

        void columns(int x0) {
            int count = Math.min(BLOCK, width - x0);
            int height = f.length;
            for (int q = 0; q < height; q++) {
                for (int c = 0; c < count; c++) {
                    rowNearest[c][q] = nearest[q * width + x0 + c];
                }
            }
            for (int c = 0; c < count; c++) {
                column(x0 + c, rowNearest[c], result[c]);
            }
            for (int q = 0; q < height; q++) {
                for (int c = 0; c < count; c++) {
                    nearest[q * width + x0 + c] = result[c][q];
                }
            }
        }

        private void column(int x, int[] rows, int[] out) {
            int k = -1;
            for (int q = 0; q < rows.length; q++) {
                if (rows[q] < 0) {
                    continue; // a row without known pixels adds no parabola
                }
                f[q] = (double) (x - rows[q]) * (x - rows[q]);
                double s = Double.NEGATIVE_INFINITY;
                while (k >= 0 && (s = intersection(v[k], q)) <= z[k]) {
                    k--;
                }
                k++;
                v[k] = q;
                z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            k = 0;
            for (int q = 0; q < rows.length; q++) {
                while (z[k + 1] < q) {
                    k++;
                }
                out[q] = v[k] * width + rows[v[k]];
            }
        }

        /** @return where the parabolas of rows p < q intersect */
        private double intersection(int p, int q) {
            return (f[q] + (double) q * q - (f[p] + (double) p * p)) / (2.0 * (q - p));
        }
    }
}
