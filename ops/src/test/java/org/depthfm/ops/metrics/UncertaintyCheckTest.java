package org.depthfm.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.all;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;

class UncertaintyCheckTest {

    @Test
    void handComputedSplit() {
        // errors 0, 1, 2, 3, (NaN); uncertainty 0.1, 0.9, 0.2, 0.8: high = pixels 1, 3 (mean 2), low = 0, 2 (mean 1)
        RandomAccessibleInterval<FloatType> p = ArrayImgs.floats(new float[] {1, 2, 3, 4, Float.NaN}, 5, 1);
        RandomAccessibleInterval<FloatType> d = ArrayImgs.floats(new float[] {1, 1, 1, 1, 1}, 5, 1);
        RandomAccessibleInterval<FloatType> u = ArrayImgs.floats(new float[] {0.1f, 0.9f, 0.2f, 0.8f, 0.9f}, 5, 1);
        ErrorByUncertainty split = UncertaintyCheck.errorByUncertainty(p, d, u, all(5, 1), 0.5);
        assertEquals(new ErrorByUncertainty(2, 1, 2, 2), split);
        assertEquals(2, split.ratio());
        ErrorByUncertainty none = UncertaintyCheck.errorByUncertainty(p, d, u, all(5, 1), 1);
        assertTrue(Double.isNaN(none.highMeanError()));
        assertEquals(0, none.highCount());
        assertThrows(IllegalArgumentException.class, () -> UncertaintyCheck.errorByUncertainty(p, d, u,
                all(5, 1), Double.NaN));
    }
}
