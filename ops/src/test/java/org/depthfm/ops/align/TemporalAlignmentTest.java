package org.depthfm.ops.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.values;

import java.util.List;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class TemporalAlignmentTest {
    private static final double[] SCALES = {1, 0.5, 2, 1.25, 0.8};
    private static final double[] SHIFTS = {0, 0.1, -0.3, 0.05, 0.2};

    /** Frames k = SCALES[k] * base + SHIFTS[k]: one scene whose relative depth drifts from frame to frame. */
    private static RandomAccessibleInterval<FloatType> drifting(float[] base, int w, int h) {
        RandomAccessibleInterval<FloatType> frames = ArrayImgs.floats(w, h, SCALES.length);
        for (int k = 0; k < SCALES.length; k++) {
            for (int i = 0; i < base.length; i++) {
                frames.getAt(i % w, i / w, k).setReal(SCALES[k] * base[i] + SHIFTS[k]);
            }
        }
        return frames;
    }

    @Test
    void bringsEveryFrameOntoTheAnchor() {
        Random random = new Random(9);
        float[] base = new float[20 * 10];
        for (int i = 0; i < base.length; i++) {
            base[i] = random.nextFloat();
        }
        RandomAccessibleInterval<FloatType> frames = drifting(base, 20, 10);
        for (int anchor : new int[] {0, 2, 4}) {
            RandomAccessibleInterval<FloatType> aligned = ArrayImgs.floats(20, 10, SCALES.length);
            List<ScaleShift> fits = TemporalAlignment.align(frames, anchor, AlignmentSpace.LINEAR, aligned);
            assertEquals(ScaleShift.identity(AlignmentSpace.LINEAR), fits.get(anchor));
            for (int k = 0; k < SCALES.length; k++) {
                // frame k = a_k b + c_k is mapped onto the anchor a_A b + c_A
                assertEquals(SCALES[anchor] / SCALES[k], fits.get(k).scale(), 1e-5, "frame " + k);
                assertArrayEquals(values(Views.hyperSlice(frames, 2, anchor)),
                        values(Views.hyperSlice(aligned, 2, k)), 1e-5, "frame " + k);
            }
        }
    }

    @Test
    void logSpaceFramesBecomeDepth() {
        // log-depth frames m_k = (ln d - t_k) / s_k; aligned in log space they are the depth d
        float[] depth = {1, 2, 4, 8, 3, 5};
        RandomAccessibleInterval<FloatType> frames = ArrayImgs.floats(3, 2, 2);
        for (int i = 0; i < depth.length; i++) {
            frames.getAt(i % 3, i / 3, 0).setReal(Math.log(depth[i]));
            frames.getAt(i % 3, i / 3, 1).setReal((Math.log(depth[i]) - 0.4) / 2);
        }
        RandomAccessibleInterval<FloatType> aligned = TemporalAlignment.align(frames, 0, AlignmentSpace.LOG);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(new double[] {1, 2, 4, 8, 3, 5}, values(Views.hyperSlice(aligned, 2, k)),
                    1e-5);
        }
    }

    @Test
    void nanPixelsStayNanAndTheInputStays() {
        float[] base = {0.1f, 0.5f, Float.NaN, 0.9f, 0.3f, 0.7f};
        RandomAccessibleInterval<FloatType> frames = drifting(base, 3, 2);
        double[] before = values(frames);
        RandomAccessibleInterval<FloatType> aligned = TemporalAlignment.align(Views.translate(frames, 4, 4, 7), 1,
                AlignmentSpace.LINEAR);
        assertTrue(Double.isNaN(aligned.getAt(2, 0, 3).get()));
        assertEquals(SCALES[1] * 0.9 + SHIFTS[1], aligned.getAt(0, 1, 4).get(), 1e-5);
        assertArrayEquals(before, values(frames), 0);
    }

    @Test
    void rejectsAnAnchorOutsideTheStack() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemporalAlignment.align(ArrayImgs.floats(3, 2, 4), 4, AlignmentSpace.LINEAR));
        assertTrue(e.getMessage().contains("0 to 3"), e.getMessage());
    }
}
