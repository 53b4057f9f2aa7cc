package org.depthfm.ops.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.values;
import static org.depthfm.ops.TestImages.all;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlignmentTest {

    private static RandomAccessibleInterval<FloatType> image(double[] values, long... dims) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return ArrayImgs.floats(f, dims);
    }

    @Test
    void handComputedLeastSquares() {
        // p = 0, 1, 2; d = 1, 2, 4: mean p 1, mean d 7/3, Sxx 2, Sxy 3 -> s = 3/2, t = 7/3 - 3/2 = 5/6
        RandomAccessibleInterval<FloatType> p = image(new double[] {0, 1, 2}, 3, 1);
        RandomAccessibleInterval<FloatType> d = image(new double[] {1, 2, 4}, 3, 1);
        ScaleShift fit = Alignment.fit(p, d, AlignmentSpace.LINEAR);
        assertEquals(1.5, fit.scale(), 1e-12);
        assertEquals(5.0 / 6, fit.shift(), 1e-12);
        assertEquals(3, fit.samples());
        // scale only: p = 1, 2; d = 2, 5 -> s = (2 + 10) / (1 + 4)
        ScaleShift scale = Alignment.fit(image(new double[] {1, 2}, 2, 1), image(new double[] {2, 5}, 2, 1),
                all(2, 1), AlignmentSpace.LINEAR, AlignmentModel.SCALE);
        assertEquals(2.4, scale.scale(), 1e-12);
        assertEquals(0, scale.shift());
    }

    /** A prediction that is an exact affine map of the reference in each space is recovered exactly. */
    @ParameterizedTest
    @EnumSource(AlignmentSpace.class)
    void recoversAnExactAffineMap(AlignmentSpace space) {
        Random random = new Random(11);
        int n = 40 * 30;
        double[] depth = new double[n];
        double[] prediction = new double[n];
        for (int i = 0; i < n; i++) {
            depth[i] = 0.5 + 9.5 * random.nextDouble();
            prediction[i] = (space.toSpace(depth[i]) - 0.3) / 1.7; // space(d) = 1.7 p + 0.3
        }
        RandomAccessibleInterval<FloatType> p = image(prediction, 40, 30);
        RandomAccessibleInterval<FloatType> d = image(depth, 40, 30);
        ScaleShift fit = Alignment.fit(p, d, space);
        // float32 inputs: the fit is exact to their precision
        assertEquals(1.7, fit.scale(), 1e-5);
        assertEquals(0.3, fit.shift(), 1e-5);
        assertArrayEquals(values(d), values(Alignment.apply(p, fit)), 1e-4);
    }

    @Test
    void skipsMaskedNanAndUnmappablePixels() {
        // pixel 3 is masked out, pixel 4 is NaN, pixel 5 has depth 0 (no log): only 0..2 count
        RandomAccessibleInterval<FloatType> p = image(new double[] {1, 2, 3, 4, Double.NaN, 6}, 6, 1);
        RandomAccessibleInterval<FloatType> d = image(new double[] {Math.E, Math.exp(3), Math.exp(5), 99, 1, 0},
                6, 1);
        RandomAccessibleInterval<BitType> mask = all(6, 1);
        mask.getAt(3, 0).set(false);
        ScaleShift fit = Alignment.fit(p, d, mask, AlignmentSpace.LOG, AlignmentModel.SCALE_AND_SHIFT);
        // log d = 1, 3, 5 = 2 p - 1
        assertEquals(2, fit.scale(), 1e-6);
        assertEquals(-1, fit.shift(), 1e-6);
        assertEquals(3, fit.samples());
        assertTrue(Double.isNaN(Alignment.apply(p, fit).getAt(4, 0).get()));
    }

    @Test
    void robustFitIgnoresGrossOutliers() {
        Random random = new Random(5);
        int w = 64;
        int h = 48;
        double[] prediction = new double[w * h];
        double[] depth = new double[w * h];
        RandomAccessibleInterval<BitType> known = ArrayImgs.bits(w, h);
        int inliers = 0;
        for (int i = 0; i < w * h; i++) {
            prediction[i] = random.nextDouble();
            depth[i] = 3 * prediction[i] + 2;
            if (random.nextDouble() < 0.1) { // 10 % known points
                known.getAt(i % w, i / w).set(true);
                if (random.nextDouble() < 0.35) { // of which 35 % are wrong
                    depth[i] = 20 * random.nextDouble();
                } else {
                    inliers++;
                }
            }
        }
        RandomAccessibleInterval<FloatType> p = image(prediction, w, h);
        RandomAccessibleInterval<FloatType> d = image(depth, w, h);
        ScaleShift plain = Alignment.fit(p, d, known, AlignmentSpace.LINEAR, AlignmentModel.SCALE_AND_SHIFT);
        assertTrue(Math.abs(plain.scale() - 3) > 0.1, "least squares should be pulled off by the outliers");
        ScaleShift robust = Alignment.fitRobust(p, d, known, AlignmentSpace.LINEAR, AlignmentModel.SCALE_AND_SHIFT,
                new Ransac(1e-3, 50, 1));
        assertEquals(3, robust.scale(), 1e-5);
        assertEquals(2, robust.shift(), 1e-5);
        assertEquals(inliers, robust.samples());
        double[] scaled = new double[prediction.length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = 4 * prediction[i];
        }
        ScaleShift scaleOnly = Alignment.fitRobust(p, image(scaled, w, h), known, AlignmentSpace.LINEAR,
                AlignmentModel.SCALE, new Ransac(1e-3, 20, 2));
        assertEquals(4, scaleOnly.scale(), 1e-6);
        // the same seed repeats the same fit
        assertEquals(robust, Alignment.fitRobust(p, d, known, AlignmentSpace.LINEAR, AlignmentModel.SCALE_AND_SHIFT,
                new Ransac(1e-3, 50, 1)));
    }

    @Test
    void rejectsUndefinedFitsWithTheReason() {
        RandomAccessibleInterval<FloatType> flat = image(new double[] {2, 2, 2}, 3, 1);
        RandomAccessibleInterval<FloatType> d = image(new double[] {1, 2, 3}, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Alignment.fit(flat, d, AlignmentSpace.LINEAR));
        assertTrue(e.getMessage().contains("constant over the 3 valid pixels"), e.getMessage());
        RandomAccessibleInterval<BitType> none = ArrayImgs.bits(3, 1);
        assertThrows(IllegalArgumentException.class, () -> Alignment.fit(d, d, none, AlignmentSpace.LINEAR,
                AlignmentModel.SCALE));
        assertThrows(IllegalArgumentException.class, () -> Alignment.fitRobust(flat, d, none, AlignmentSpace.LINEAR,
                AlignmentModel.SCALE_AND_SHIFT, new Ransac(0.1, 10, 0)));
        IllegalArgumentException robust = assertThrows(IllegalArgumentException.class, () -> Alignment.fitRobust(flat,
                d, all(3, 1), AlignmentSpace.LINEAR, AlignmentModel.SCALE_AND_SHIFT, new Ransac(0.1, 10, 0)));
        assertTrue(robust.getMessage().contains("constant"), robust.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Alignment.fit(d, ArrayImgs.floats(2, 2), AlignmentSpace.LINEAR));
        assertTrue(size.getMessage().contains("3x1") && size.getMessage().contains("2x2"), size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ransac(0, 10, 0));
    }

    @Test
    void leavesItsInputsUnchanged() {
        float[] p = {1, 2, 3, 4};
        float[] d = {3, 5, 7, 10};
        Alignment.apply(ArrayImgs.floats(p, 2, 2), Alignment.fit(ArrayImgs.floats(p, 2, 2), ArrayImgs.floats(d, 2, 2),
                AlignmentSpace.LOG));
        assertArrayEquals(new float[] {1, 2, 3, 4}, p);
        assertArrayEquals(new float[] {3, 5, 7, 10}, d);
    }
}
