package org.depthfm.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.all;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.real.FloatType;

import org.depthfm.ops.align.AlignmentSpace;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void handComputedMetrics() {
        // d = 1, 2, 4, 5; p = 1, 2.5, 3, 5; d - p = 0, -0.5, 1, 0; ratios 1, 1.25, 4/3, 1
        RandomAccessibleInterval<FloatType> d = ArrayImgs.floats(new float[] {1, 2, 4, 5}, 2, 2);
        RandomAccessibleInterval<FloatType> p = ArrayImgs.floats(new float[] {1, 2.5f, 3, 5}, 2, 2);
        DepthMetrics m = Evaluation.evaluate(p, d, 1e-3, 80);
        assertEquals((0.5 / 2 + 1.0 / 4) / 4, m.absRel(), 1e-12);
        assertEquals((0.25 / 2 + 1.0 / 4) / 4, m.sqRel(), 1e-12);
        assertEquals(Math.sqrt((0.25 + 1) / 4), m.rmse(), 1e-12);
        assertEquals(Math.sqrt((Math.pow(Math.log(2 / 2.5), 2) + Math.pow(Math.log(4 / 3.0), 2)) / 4), m.rmseLog(),
                1e-12);
        // 1.25 itself is not below 1.25
        assertEquals(0.5, m.delta1());
        assertEquals(1, m.delta2());
        assertEquals(1, m.delta3());
        assertEquals(4, m.count());
    }

    @Test
    void validRangeAndMaskSelectPixelsAndThePredictionIsClamped() {
        // gt 0 (no measurement), 100 (beyond range) and NaN are invalid, pixel 4 is masked out;
        // at pixel 5 the prediction 20 is clamped to the range's 10
        RandomAccessibleInterval<FloatType> d = ArrayImgs.floats(new float[] {0, 100, Float.NaN, 2, 3, 5}, 6, 1);
        RandomAccessibleInterval<FloatType> p = ArrayImgs.floats(new float[] {7, 7, 7, 2, 9, 20}, 6, 1);
        RandomAccessibleInterval<BitType> mask = all(6, 1);
        mask.getAt(4, 0).set(false);
        DepthMetrics m = Evaluation.evaluate(p, d, mask, 0.1, 10);
        assertEquals(2, m.count());
        assertEquals((0 + 5.0 / 5) / 2, m.absRel(), 1e-12);
    }

    @Test
    void anExactAffineMapOfTheGroundTruthScoresPerfectlyAfterAlignment() {
        Random random = new Random(2);
        int n = 32 * 24;
        float[] depth = new float[n];
        float[] linear = new float[n];
        float[] logDepth = new float[n];
        for (int i = 0; i < n; i++) {
            depth[i] = (float) (0.5 + 9 * random.nextDouble());
            linear[i] = (depth[i] - 0.7f) / 2.5f;
            logDepth[i] = (float) ((Math.log(depth[i]) + 0.2) / 3);
        }
        RandomAccessibleInterval<FloatType> d = ArrayImgs.floats(depth, 32, 24);
        for (DepthMetrics m : new DepthMetrics[] {
            Evaluation.affineInvariant(ArrayImgs.floats(linear, 32, 24), d, all(32, 24), AlignmentSpace.LINEAR, 1e-3,
                    10),
            Evaluation.affineInvariant(ArrayImgs.floats(logDepth, 32, 24), d, all(32, 24), AlignmentSpace.LOG, 1e-3,
                    10)}) {
            assertEquals(0, m.absRel(), 1e-6);
            assertEquals(0, m.rmse(), 1e-5);
            assertEquals(1, m.delta1());
            assertEquals(n, m.count());
        }
        // without alignment the same prediction is far off
        assertTrue(Evaluation.evaluate(ArrayImgs.floats(linear, 32, 24), d, 1e-3, 10).absRel() > 0.3);
    }

    @Test
    void rejectsWhatCannotBeScored() {
        RandomAccessibleInterval<FloatType> d = ArrayImgs.floats(new float[] {1, 2}, 2, 1);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.evaluate(ArrayImgs.floats(new float[] {1, Float.NaN}, 2, 1), d, 1e-3, 10));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.evaluate(d, d, 5, 10));
        assertTrue(none.getMessage().contains("no ground-truth pixel is valid"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate(d, d, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate(d, ArrayImgs.floats(1, 2), 1e-3, 10));
    }
}
