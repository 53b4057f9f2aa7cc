package org.depthfm.ops.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class KnownPointsTest {

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void aSparseImageGivesItsPixelsAboveZeroAndSkipsZeroAndNaN() {
        RandomAccessibleInterval<FloatType> sparse = ArrayImgs.floats(new float[] {0, 2, Float.NaN, 0, 0, 5}, 3, 2);
        KnownPoints p = KnownPoints.fromSparse(Views.translate(sparse, 10, 20));
        assertArrayEquals(new int[] {1, 2}, p.x());
        assertArrayEquals(new int[] {0, 1}, p.y());
        assertArrayEquals(new double[] {2, 5}, p.depth());
    }

    @Test
    void negativeOrInfiniteSparseDepthIsAClearError() {
        String m = message(() -> KnownPoints.fromSparse(ArrayImgs.floats(new float[] {0, -1}, 2, 1)));
        assertTrue(m.contains("-1.0 at pixel (1, 0)"), m);
        m = message(() -> KnownPoints.fromSparse(ArrayImgs.floats(new float[] {Float.POSITIVE_INFINITY}, 1, 1)));
        assertTrue(m.contains("Infinity"), m);
    }

    @Test
    void positionsFallInThePixelThatHoldsThemAndMustLieInside() {
        KnownPoints p = KnownPoints.of(new double[] {0, 3.9}, new double[] {1.5, 0}, new double[] {1, 2}, 4, 2);
        assertArrayEquals(new int[] {0, 3}, p.x());
        assertArrayEquals(new int[] {1, 0}, p.y());
        String m = message(() -> KnownPoints.of(new double[] {4}, new double[] {0}, new double[] {1}, 4, 2));
        assertTrue(m.contains("point 1 at (4.0, 0.0) lies outside the 4x2 image"), m);
        m = message(() -> KnownPoints.of(new double[] {-0.5}, new double[] {0}, new double[] {1}, 4, 2));
        assertTrue(m.contains("outside"), m);
        m = message(() -> KnownPoints.of(new double[] {Double.NaN}, new double[] {0}, new double[] {1}, 4, 2));
        assertTrue(m.contains("outside"), m);
    }

    @Test
    void depthsMustBeFiniteAndPositiveAndOnePerPixel() {
        String m = message(() -> new KnownPoints(new int[] {0, 1}, new int[] {0, 0}, new double[] {1, Double.NaN}));
        assertTrue(m.contains("point 2 at (1, 0) has depth NaN"), m);
        m = message(() -> new KnownPoints(new int[] {0}, new int[] {0}, new double[] {-2}));
        assertTrue(m.contains("finite and above 0"), m);
        m = message(() -> new KnownPoints(new int[] {0}, new int[] {0}, new double[] {0}));
        assertTrue(m.contains("finite and above 0"), m);
        m = message(() -> new KnownPoints(new int[] {3, 1, 3}, new int[] {2, 0, 2}, new double[] {1, 2, 3}));
        assertTrue(m.contains("points 1 and 3 fall in the same pixel (3, 2)"), m);
    }

    @Test
    void fittingNeedsTwoPointsAtDifferentDepths() {
        KnownPoints none = new KnownPoints(new int[0], new int[0], new double[0]);
        assertTrue(message(none::requireFittable).contains("no known points"));
        KnownPoints one = new KnownPoints(new int[] {0}, new int[] {0}, new double[] {1});
        assertTrue(message(one::requireFittable).contains("one known point"));
        KnownPoints equal = new KnownPoints(new int[] {0, 1, 2}, new int[] {0, 0, 0}, new double[] {4, 4, 4});
        assertTrue(message(equal::requireFittable).contains("all 3 known points have the same depth (4.0)"));
        new KnownPoints(new int[] {0, 1}, new int[] {0, 0}, new double[] {4, 5}).requireFittable();
    }

    @Test
    void aSplitIsRepeatableDisjointAndComplete() {
        int n = 50;
        int[] x = new int[n];
        Arrays.setAll(x, i -> i);
        double[] d = new double[n];
        Arrays.setAll(d, i -> i + 1);
        KnownPoints all = new KnownPoints(x, new int[n], d);
        KnownPoints.Split s = all.split(0.2, 7);
        assertEquals(40, s.given().size());
        assertEquals(10, s.heldOut().size());
        assertArrayEquals(s.heldOut().depth(), all.split(0.2, 7).heldOut().depth());
        double[] joined = java.util.stream.DoubleStream.concat(Arrays.stream(s.given().depth()),
                Arrays.stream(s.heldOut().depth())).sorted().toArray();
        assertArrayEquals(d, joined);
        assertEquals(n, all.split(0, 7).given().size());
        assertThrows(IllegalArgumentException.class, () -> all.split(1, 7));
    }

    @Test
    void residualsAreTheMapMinusTheKnownDepth() {
        RandomAccessibleInterval<FloatType> map = ArrayImgs.floats(new float[] {1, 2, 3, 4}, 2, 2);
        KnownPoints p = new KnownPoints(new int[] {0, 1}, new int[] {0, 1}, new double[] {2, 1});
        assertArrayEquals(new double[] {-1, 3}, Residuals.each(map, p));
        Residuals r = Residuals.of(map, p);
        assertEquals(2, r.count());
        assertEquals(Math.sqrt(5), r.rmse(), 1e-12);
        assertEquals(2, r.mae(), 1e-12);
        assertEquals(1, r.bias(), 1e-12);
        assertTrue(Double.isNaN(Residuals.of(map, new KnownPoints(new int[0], new int[0], new double[0])).rmse()));
    }
}
