package org.depthfm.ops.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.values;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparseToDenseTest {

    @Test
    void handComputedRow() {
        RandomAccessibleInterval<BitType> known = ArrayImgs.bits(5, 1);
        known.getAt(0, 0).set(true);
        known.getAt(4, 0).set(true);
        assertArrayEquals(new double[] {0, 1, 2, 1, 0}, values(DistanceTransform.euclidean(known)), 0);
        RandomAccessibleInterval<FloatType> sparse = ArrayImgs.floats(new float[] {10, 0, 0, 0, 50}, 5, 1);
        // the middle pixel is equally near both; the implementation takes the left one
        assertArrayEquals(new double[] {10, 10, 10, 50, 50}, values(NearestFill.fill(sparse, known)), 0);
    }

    @Test
    void handComputedPlane() {
        // one known pixel at (1, 1) of 3x3: distances 0, 1 and sqrt 2
        RandomAccessibleInterval<BitType> known = ArrayImgs.bits(3, 3);
        known.getAt(1, 1).set(true);
        double r2 = Math.sqrt(2);
        assertArrayEquals(new double[] {r2, 1, r2, 1, 0, 1, r2, 1, r2}, values(DistanceTransform.euclidean(known)),
                1e-7);
    }

    /** Brute force: the squared distance to every known pixel, minimised. */
    private static long[] bruteForce(boolean[] known, int w, int h) {
        long[] best = new long[w * h];
        for (int i = 0; i < best.length; i++) {
            best[i] = Long.MAX_VALUE;
            for (int j = 0; j < best.length; j++) {
                if (known[j]) {
                    long dx = i % w - j % w;
                    long dy = i / w - j / w;
                    best[i] = Math.min(best[i], dx * dx + dy * dy);
                }
            }
        }
        return best;
    }

    @ParameterizedTest(name = "{0}x{1}, density {2}")
    @CsvSource({"37, 23, 0.02", "37, 23, 0.3", "64, 48, 0.002", "50, 50, 0.9", "1, 40, 0.1", "40, 1, 0.1",
        "1, 1, 1", "17, 29, 0.05", "80, 3, 0.01"})
    void matchesBruteForceOnRandomMasks(int w, int h, double density) {
        Random random = new Random(w * 31L + h);
        boolean[] mask = new boolean[w * h];
        RandomAccessibleInterval<BitType> known = ArrayImgs.bits(w, h);
        float[] values = new float[w * h];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < density;
            values[i] = i + 1; // unique, so the chosen pixel can be told
        }
        mask[random.nextInt(mask.length)] = true;
        for (int i = 0; i < mask.length; i++) {
            known.getAt(i % w, i / w).set(mask[i]);
        }
        long[] expected = bruteForce(mask, w, h);
        double[] distance = values(DistanceTransform.euclidean(known));
        // on a shifted target too: the target only sets where the result goes
        RandomAccessibleInterval<FloatType> filled = Views.translate(ArrayImgs.floats(w, h), -3, 8);
        NearestFill.fill(ArrayImgs.floats(values, w, h), known, filled);
        double[] fill = values(filled);
        for (int i = 0; i < mask.length; i++) {
            assertEquals((float) Math.sqrt(expected[i]), distance[i], 0.0, "pixel " + i);
            int source = (int) fill[i] - 1;
            assertTrue(mask[source], "filled from an unknown pixel at " + i);
            long dx = i % w - source % w;
            long dy = i / w - source / w;
            assertEquals(expected[i], dx * dx + dy * dy, "filled from a farther pixel at " + i);
        }
    }

    @Test
    void knownPixelsAreFinitePositiveValues() {
        float[] data = {0, Float.NaN, 3, -1, 7};
        RandomAccessibleInterval<FloatType> sparse = ArrayImgs.floats(data, 5, 1);
        RandomAccessibleInterval<BitType> known = NearestFill.knownPixels(sparse);
        assertArrayEquals(new double[] {3, 3, 3, 3, 7}, values(NearestFill.fill(sparse, known)), 0);
        assertArrayEquals(new float[] {0, Float.NaN, 3, -1, 7}, data);
    }

    @Test
    void rejectsMasksWithoutKnownPixelsOrOfTheWrongShape() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> DistanceTransform.euclidean(ArrayImgs.bits(4, 4)));
        assertTrue(none.getMessage().contains("no known pixel"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DistanceTransform.euclidean(ArrayImgs.bits(4, 4, 2)));
        assertThrows(IllegalArgumentException.class, () -> NearestFill.fill(ArrayImgs.floats(4, 4),
                ArrayImgs.bits(4, 3)));
    }
}
