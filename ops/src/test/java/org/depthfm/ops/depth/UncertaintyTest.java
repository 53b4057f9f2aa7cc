package org.depthfm.ops.depth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.values;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class UncertaintyTest {

    @Test
    void oneMemberGivesZeros() {
        RandomAccessibleInterval<FloatType> members = ArrayImgs.floats(new float[] {0.1f, 0.7f, -0.3f}, 3, 1, 1);
        DepthNormalization n = DepthNormalization.fit(DepthMaps.ensembleMean(members), DepthOutput.DEPTH);
        assertArrayEquals(new double[] {0, 0, 0}, values(Uncertainty.standardDeviation(members, n)), 0);
        assertArrayEquals(new double[] {0, 0, 0}, values(Uncertainty.coefficientOfVariation(members)),
                0);
    }

    @Test
    void handComputedDeviationInDepthUnits() {
        // four pixels, two members: member 0 = (0, 0, ln 4, ln 2), member 1 = (ln 4, 0, ln 4, ln 8);
        // ensemble mean (ln 2, 0, ln 4, ln 4), exp (2, 1, 4, 4): DEPTH normalises by low 1, high 4
        float ln2 = (float) Math.log(2);
        float ln4 = (float) Math.log(4);
        float ln8 = (float) Math.log(8);
        RandomAccessibleInterval<FloatType> members = ArrayImgs.floats(new float[] {0, 0, ln4, ln2, ln4, 0, ln4, ln8},
                4, 1, 2);
        DepthNormalization n = DepthNormalization.fit(DepthMaps.ensembleMean(members), DepthOutput.DEPTH);
        assertEquals(new DepthNormalization(DepthOutput.DEPTH, 1, 4), n);
        // pixel 0: exp members 1, 4 -> normalised 0, 1 -> deviation 0.5; pixel 3: 2, 8 -> 1/3, 7/3 -> 1
        assertArrayEquals(new double[] {0.5, 0, 0, 1}, values(Uncertainty.standardDeviation(members, n)),
                1e-6);
        // inverting does not change a deviation
        DepthNormalization inverted = DepthNormalization.fit(DepthMaps.ensembleMean(members),
                DepthOutput.INVERTED_DEPTH);
        assertArrayEquals(new double[] {0.5, 0, 0, 1}, values(Uncertainty.standardDeviation(members,
                inverted)), 1e-6);
        // log-depth: half the members' difference, ln 2 at pixels 0 and 3
        assertArrayEquals(new double[] {ln2, 0, 0, ln2}, values(Uncertainty.standardDeviation(
                members, new DepthNormalization(DepthOutput.LOG_DEPTH, 0, 1))), 1e-6);
        // coefficient of variation of exp: pixel 0: mean 2.5, deviation 1.5; pixel 3: mean 5, deviation 3
        assertArrayEquals(new double[] {0.6, 0, 0, 0.6},
                values(Uncertainty.coefficientOfVariation(members)), 1e-6);
    }

    @Test
    void equalsTheDeviationOfTheMappedMemberStack() {
        Random random = new Random(3);
        int e = 5;
        float[] data = new float[16 * 8 * e];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        RandomAccessibleInterval<FloatType> members = ArrayImgs.floats(data, 16, 8, e);
        DepthNormalization n = DepthNormalization.fit(DepthMaps.ensembleMean(members), DepthOutput.DEPTH);
        RandomAccessibleInterval<FloatType> stack = DepthMaps.map(members, n);
        RandomAccessibleInterval<FloatType> sigma = Uncertainty.standardDeviation(members, n);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                double mean = 0;
                for (int k = 0; k < e; k++) {
                    mean += stack.getAt(x, y, k).get() / (double) e;
                }
                double var = 0;
                for (int k = 0; k < e; k++) {
                    var += Math.pow(stack.getAt(x, y, k).get() - mean, 2) / e;
                }
                assertEquals(Math.sqrt(var), sigma.getAt(x, y).get(), 1e-5);
            }
        }
    }

    @Test
    void coefficientOfVariationIgnoresTheDepthScale() {
        Random random = new Random(5);
        float[] data = new float[6 * 4 * 3];
        float[] shifted = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
            shifted[i] = data[i] + 2; // every depth times e^2
        }
        assertArrayEquals(values(Uncertainty.coefficientOfVariation(ArrayImgs.floats(data, 6, 4, 3))),
                values(Uncertainty.coefficientOfVariation(ArrayImgs.floats(shifted, 6, 4, 3))), 1e-5);
    }

    @Test
    void nanMemberGivesNanAndInputsStay() {
        float[] data = {0, 1, Float.NaN, 2};
        float[] before = data.clone();
        RandomAccessibleInterval<FloatType> members = Views.translate(ArrayImgs.floats(data, 2, 1, 2), 5, -2, 1);
        double[] sigma = values(Uncertainty.standardDeviation(members,
                new DepthNormalization(DepthOutput.LOG_DEPTH, 0, 1)));
        assertTrue(Double.isNaN(sigma[0]));
        assertEquals(0.5, sigma[1], 1e-7);
        assertArrayEquals(before, data);
    }
}
