package org.depthfm.ops.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class CompletionConditioningTest {

    private static double[] values(RandomAccessibleInterval<FloatType> image) {
        return Views.flatIterable(image).stream().mapToDouble(FloatType::getRealDouble).toArray();
    }

    @Test
    void handComputedRow() {
        // depths 1 at x = 0 and e^2 at x = 4 of a 5x1 row: log-depths 0 and 2
        KnownPoints p = new KnownPoints(new int[] {0, 4}, new int[] {0, 0}, new double[] {1, Math.exp(2)});
        RandomAccessibleInterval<FloatType> maps = CompletionConditioning.maps(p, 5, 1);
        // percentiles of {0, 2}: 0.04 and 1.96; the middle pixel takes the left point
        double lo = ((0 - 0.04) / 1.92 - 0.5) * 2;
        double hi = ((2 - 0.04) / 1.92 - 0.5) * 2;
        assertArrayEquals(new double[] {lo, lo, lo, hi, hi}, values(Views.hyperSlice(maps, 2, 0)), 1e-6);
        // distances 0, 1, 2, 1, 0 over the largest, 2
        assertArrayEquals(new double[] {-1, 0, 1, 0, -1}, values(Views.hyperSlice(maps, 2, 1)), 1e-6);
    }

    @Test
    void percentilesThatCoincideFallBackToTheRange() {
        // 60 points at depth 1 and one at depth e: the 2nd and 98th percentiles are both 0
        int n = 61;
        int[] x = new int[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            d[i] = i == n - 1 ? Math.E : 1;
        }
        RandomAccessibleInterval<FloatType> maps = CompletionConditioning.maps(new KnownPoints(x, new int[n], d), n, 1);
        double[] filled = values(Views.hyperSlice(maps, 2, 0));
        assertArrayEquals(new double[] {-1, 1}, new double[] {filled[0], filled[n - 1]}, 1e-6);
    }
}
