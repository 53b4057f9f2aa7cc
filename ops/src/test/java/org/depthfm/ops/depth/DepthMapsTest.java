package org.depthfm.ops.depth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.depthfm.ops.TestImages.values;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DepthMapsTest {
    private static final float LN2 = (float) Math.log(2);
    private static final float LN4 = (float) Math.log(4);

    @Test
    void outputsOfAHandComputedMap() {
        // exp(m) = 1, 2, 4: depth (e - 1) / 3; disparity exp(-m) = 1, 1/2, 1/4 -> (d - 1/4) / (3/4)
        RandomAccessibleInterval<FloatType> m = ArrayImgs.floats(new float[] {0, LN2, LN4}, 3, 1);
        assertArrayEquals(new double[] {0, 1.0 / 3, 1}, values(DepthMaps.output(m, DepthOutput.DEPTH)), 1e-7);
        assertArrayEquals(new double[] {1, 2.0 / 3, 0}, values(DepthMaps.output(m, DepthOutput.INVERTED_DEPTH)),
                1e-7);
        assertArrayEquals(new double[] {1, 1.0 / 3, 0}, values(DepthMaps.output(m, DepthOutput.DISPARITY)), 1e-7);
        assertArrayEquals(new double[] {0, LN2, LN4}, values(DepthMaps.output(m, DepthOutput.LOG_DEPTH)), 0);
        assertEquals(new DepthNormalization(DepthOutput.DEPTH, 1, 4), DepthNormalization.fit(m, DepthOutput.DEPTH));
    }

    @Test
    void ensembleMeanAveragesTheLastAxis() {
        RandomAccessibleInterval<FloatType> members = ArrayImgs.floats(new float[] {1, 2, 3, 4, 5, 6}, 3, 1, 2);
        assertArrayEquals(new double[] {2.5, 3.5, 4.5}, values(DepthMaps.ensembleMean(members)), 0);
        // a members stack maps member by member with the mean's normalisation
        DepthNormalization n = new DepthNormalization(DepthOutput.LOG_DEPTH, 0, 1);
        assertArrayEquals(values(members), values(DepthMaps.map(members, n)), 0);
    }

    @Test
    void nanStaysNanAndIsSkippedWhenFitting() {
        RandomAccessibleInterval<FloatType> m = ArrayImgs.floats(new float[] {0, Float.NaN, LN4}, 3, 1);
        double[] depth = values(DepthMaps.output(m, DepthOutput.DEPTH));
        assertEquals(0, depth[0]);
        assertTrue(Double.isNaN(depth[1]));
        assertEquals(1, depth[2]);
        RandomAccessibleInterval<FloatType> members = ArrayImgs.floats(new float[] {1, Float.NaN, 3, 4}, 2, 1, 2);
        assertTrue(Double.isNaN(DepthMaps.ensembleMean(members).getAt(1, 0).get()));
    }

    @Test
    void aConstantMapIsFlatAndAnEmptyOneIsRejected() {
        // the one documented rule: constant normalises to 0 (inverted: 1), NaN stays NaN
        RandomAccessibleInterval<FloatType> flat = ArrayImgs.floats(new float[] {2, 2, Float.NaN}, 3, 1);
        double[] depth = values(DepthMaps.output(flat, DepthOutput.DEPTH));
        assertEquals(0, depth[0]);
        assertEquals(0, depth[1]);
        assertTrue(Double.isNaN(depth[2]));
        assertEquals(0, values(DepthMaps.output(flat, DepthOutput.DISPARITY))[0]);
        assertEquals(1, values(DepthMaps.output(flat, DepthOutput.INVERTED_DEPTH))[1]);
        assertEquals(2, values(DepthMaps.output(flat, DepthOutput.LOG_DEPTH))[0]);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> DepthMaps.output(
                ArrayImgs.floats(new float[] {Float.NaN}, 1, 1), DepthOutput.DISPARITY));
        assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DepthMaps.ensembleMean(ArrayImgs.floats(3, 1, 2),
                ArrayImgs.floats(2, 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"case_pipeline_s2_e4.safetensors", "case_pipeline_s4_e2.safetensors"})
    void reproducesTheOfficialOutputOfTheFixture(String name) throws IOException {
        Optional<Path> tiny = Reference.tinyFixture();
        assumeTrue(tiny.isPresent(), "../shared/fixtures/depthfm-tiny is not beside the checkout");
        Path file = tiny.get().resolve(name);
        // member_depth (E, 1, 48, 64) -> (64, 48, 1, E) -> (64, 48, E)
        RandomAccessibleInterval<FloatType> members = Views.hyperSlice(Reference.tensor(file, "member_depth"), 2, 0);
        RandomAccessibleInterval<FloatType> mean = Views.hyperSlice(Views.hyperSlice(
                Reference.tensor(file, "ensemble_mean"), 3, 0), 2, 0);
        RandomAccessibleInterval<FloatType> depth = Views.hyperSlice(Views.hyperSlice(
                Reference.tensor(file, "depth"), 3, 0), 2, 0);
        assertArrayEquals(values(mean), values(DepthMaps.ensembleMean(members)), 0);
        // torch's float32 exp and Java's differ by at most one unit in the last place
        assertArrayEquals(values(depth), values(DepthMaps.output(mean, DepthOutput.DEPTH)), 2e-7);
    }
}
