package org.depthfm.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.all;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class EdgeAccuracyTest {

    /** A depth map six rows high whose columns have the given depths. */
    private static RandomAccessibleInterval<FloatType> columns(float... profile) {
        RandomAccessibleInterval<FloatType> depth = ArrayImgs.floats(profile.length, 6);
        for (Cursor<FloatType> c = depth.localizingCursor(); c.hasNext();) {
            c.next().set(profile[c.getIntPosition(0)]);
        }
        return depth;
    }

    /** 8 x 6, depth 1 left of column {@code step}, 3 from it on. */
    private static RandomAccessibleInterval<FloatType> step(int step) {
        float[] profile = new float[8];
        for (int x = 0; x < profile.length; x++) {
            profile[x] = x < step ? 1 : 3;
        }
        return columns(profile);
    }

    @Test
    void sobelOfARampAndItsReplicatedBorder() {
        RandomAccessibleInterval<FloatType> magnitude = ArrayImgs.floats(5, 6);
        EdgeAccuracy.sobelMagnitude(Views.extendBorder(columns(0, 1, 2, 3, 4)), magnitude);
        // slope 1: (1 + 2 + 1) * 2 inside; at the replicated borders only one side differs
        assertArrayEquals(new double[] {4, 8, 8, 8, 4}, Views.flatIterable(Views.hyperSlice(magnitude, 1, 1)).stream()
                .mapToDouble(FloatType::getRealDouble).toArray(), 0);
    }

    @Test
    void aStepHasTwoEdgeColumns() {
        RandomAccessibleInterval<FloatType> magnitude = ArrayImgs.floats(8, 6);
        EdgeAccuracy.sobelMagnitude(Views.extendBorder(step(4)), magnitude);
        for (int x = 0; x < 8; x++) {
            assertEquals(x == 3 || x == 4 ? 8 : 0, magnitude.getAt(x, 2).get(), 0, "column " + x);
        }
        EdgeScore same = EdgeAccuracy.evaluate(step(4), step(4), all(8, 6), 1, 0);
        assertEquals(new EdgeScore(1, 1, 12, 12), same);
    }

    @Test
    void toleranceForgivesAShiftedEdge() {
        // prediction edges at columns 4, 5; reference at 3, 4: half match in place, all within 1 pixel
        EdgeScore exact = EdgeAccuracy.evaluate(step(5), step(4), all(8, 6), 1, 0);
        assertEquals(new EdgeScore(0.5, 0.5, 12, 12), exact);
        assertEquals(0.5, exact.f1(), 1e-12);
        EdgeScore near = EdgeAccuracy.evaluate(step(5), step(4), all(8, 6), 1, 1);
        assertEquals(new EdgeScore(1, 1, 12, 12), near);
    }

    @Test
    void blurredEdgesLosePrecision() {
        // the reference step spread over a ramp 1, 1.5, 2, 2.5, 3 makes four edge columns, two of them wrong
        RandomAccessibleInterval<FloatType> blurred = columns(1, 1, 1.5f, 2, 2.5f, 3, 3, 3);
        EdgeScore score = EdgeAccuracy.evaluate(blurred, step(4), all(8, 6), 1, 0);
        assertTrue(score.precision() < 1 && score.recall() == 1, score.toString());
    }

    @Test
    void masksAndMissingEdges() {
        RandomAccessibleInterval<BitType> left = ArrayImgs.bits(8, 6);
        Views.interval(left, new long[] {0, 0}, new long[] {3, 5}).forEach(b -> b.set(true));
        assertEquals(new EdgeScore(1, 1, 6, 6), EdgeAccuracy.evaluate(step(4), step(4), left, 1, 0));
        EdgeScore flat = EdgeAccuracy.evaluate(ArrayImgs.floats(8, 6), step(4), all(8, 6), 1, 0);
        assertTrue(Double.isNaN(flat.precision()));
        assertEquals(0, flat.recall());
        // NaN gradients are never edges
        RandomAccessibleInterval<FloatType> holes = step(4);
        holes.getAt(3, 2).set(Float.NaN);
        assertTrue(EdgeAccuracy.evaluate(holes, step(4), all(8, 6), 1, 0).predictedEdges() < 12);
        assertThrows(IllegalArgumentException.class, () -> EdgeAccuracy.evaluate(step(4), step(4),
                all(8, 6), -1, 0));
    }
}
