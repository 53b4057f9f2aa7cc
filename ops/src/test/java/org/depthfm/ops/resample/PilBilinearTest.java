package org.depthfm.ops.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.depthfm.ops.TestImages.values;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PilBilinearTest {

    /** One case of {@code pil_bilinear_golden.txt}, written by Pillow 9.4 (see make_pil_golden.py). */
    private record Golden(String mode, long[] in, long[] out, double[] input, double[] expected) {
    }

    private static List<Golden> golden() throws IOException {
        List<Golden> cases = new ArrayList<>();
        try (InputStream s = PilBilinearTest.class.getResourceAsStream("pil_bilinear_golden.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.US_ASCII))) {
            for (String header = r.readLine(); header != null; header = r.readLine()) {
                String[] h = header.split(" ");
                long c = Long.parseLong(h[4]);
                cases.add(new Golden(h[1], new long[] {Long.parseLong(h[2]), Long.parseLong(h[3]), c},
                        new long[] {Long.parseLong(h[5]), Long.parseLong(h[6]), c}, numbers(r.readLine()),
                        numbers(r.readLine())));
            }
        }
        return cases;
    }

    private static double[] numbers(String line) {
        return Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RGB", "F"})
    void matchesPillowExactly(String mode) throws IOException {
        int n = 0;
        for (Golden g : golden()) {
            if (g.mode().equals(mode)) {
                assertArrayEquals(g.expected(), values(resize(g)), 0.0, () -> Arrays.toString(g.in()) + " -> "
                        + Arrays.toString(g.out()));
                n++;
            }
        }
        assertEquals(10, n);
    }

    /** Resizes a golden case's input as PIL would for its mode: 8-bit RGB or 32-bit float. */
    private static RandomAccessibleInterval<? extends RealType<?>> resize(Golden g) {
        if (g.mode().equals("RGB")) {
            byte[] bytes = new byte[g.input().length];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) g.input()[i];
            }
            RandomAccessibleInterval<UnsignedByteType> out = ArrayImgs.unsignedBytes(g.out());
            PilBilinear.resizeUnsignedByte(ArrayImgs.unsignedBytes(bytes, g.in()), out);
            return out;
        }
        float[] floats = new float[g.input().length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) g.input()[i];
        }
        RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(g.out());
        PilBilinear.resize(ArrayImgs.floats(floats, g.in()), out);
        return out;
    }

    /**
     * PIL's bilinear resize as a direct formula, independent of the implementation's bounds and
     * passes: output pixel i covers input [i s, (i + 1) s], s = in / out; every input pixel x
     * (centre x + 0.5) gets the triangle weight max(0, 1 - |x + 0.5 - (i + 0.5) s| / max(s, 1)),
     * normalised over the image; the 2D weight is the product of the two axes'.
     */
    private static double[] direct(double[] in, int w, int h, int outW, int outH) {
        double[] out = new double[outW * outH];
        for (int j = 0; j < outH; j++) {
            double[] wy = triangle(h, outH, j);
            for (int i = 0; i < outW; i++) {
                double[] wx = triangle(w, outW, i);
                double sum = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        sum += wy[y] * wx[x] * in[y * w + x];
                    }
                }
                out[j * outW + i] = sum;
            }
        }
        return out;
    }

    private static double[] triangle(int in, int out, int i) {
        double s = (double) in / out;
        double radius = Math.max(s, 1);
        double[] w = new double[in];
        double total = 0;
        for (int x = 0; x < in; x++) {
            w[x] = Math.max(0, 1 - Math.abs(x + 0.5 - (i + 0.5) * s) / radius);
            total += w[x];
        }
        for (int x = 0; x < in; x++) {
            w[x] /= total;
        }
        return w;
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"17, 11, 5, 4", "5, 4, 17, 11", "31, 2, 7, 9", "1, 9, 4, 2", "64, 48, 21, 64", "12, 12, 12, 5",
        "3, 3, 1, 1", "1, 1, 2, 7", "40, 30, 13, 29"})
    void matchesTheDirectFormula(int w, int h, int outW, int outH) {
        Random random = new Random(w * 1000L + h * 100 + outW * 10 + outH);
        float[] in = new float[w * h];
        double[] asDouble = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * 10);
            asDouble[i] = in[i];
        }
        RandomAccessibleInterval<FloatType> out = PilBilinear.resize(ArrayImgs.floats(in, w, h), outW, outH);
        // the implementation rounds to float32 after each pass, as PIL does
        assertArrayEquals(direct(asDouble, w, h, outW, outH), values(out), 1e-5);
    }

    @Test
    void shrinkingAveragesTheFootprint() {
        // 6 -> 3 (scale 2): the triangle spans 2 input pixels each way, taps 1/4, 3/4, 3/4, 1/4,
        // cut at the border and renormalised: [4 * (1/4) / (7/4), 4 * (3/4) / 2, 0]
        RandomAccessibleInterval<FloatType> out = PilBilinear.resize(
                ArrayImgs.floats(new float[] {0, 0, 4, 0, 0, 0}, 6, 1), 3, 1);
        assertArrayEquals(new double[] {4.0 / 7, 1.5, 0}, values(out), 1e-7);
    }

    @Test
    void enlargingInterpolatesBetweenCentres() {
        // 2 -> 4 (scale 1/2): centres at 0.25 * (2 i + 1) - 0.5 = -0.25, 0.25, 0.75, 1.25; the ends
        // lose their outside tap and stay at the border values
        RandomAccessibleInterval<FloatType> out = PilBilinear.resize(
                ArrayImgs.floats(new float[] {0, 8}, 2, 1), 4, 1);
        assertArrayEquals(new double[] {0, 2, 6, 8}, values(out), 1e-7);
    }

    @Test
    void keepsConstantsAndTheIdentity() {
        RandomAccessibleInterval<FloatType> constant = ArrayImgs.floats(new float[] {3.25f}, 1, 1);
        double[] enlarged = values(PilBilinear.resize(constant, 5, 3));
        assertTrue(Arrays.stream(enlarged).allMatch(v -> v == 3.25), Arrays.toString(enlarged));
        float[] data = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(values(ArrayImgs.floats(data, 3, 2)),
                values(PilBilinear.resize(ArrayImgs.floats(data, 3, 2), 3, 2)), 0.0);
    }

    @Test
    void resizesChannelsIndependentlyAndHonoursMinima() {
        Random random = new Random(7);
        float[] data = new float[9 * 7 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        RandomAccessibleInterval<FloatType> rgb = ArrayImgs.floats(data, 9, 7, 3);
        RandomAccessibleInterval<FloatType> moved = Views.translate(rgb, -4, 10, 2);
        RandomAccessibleInterval<FloatType> target = Views.translate(ArrayImgs.floats(4, 5, 3), 3, -3, 1);
        PilBilinear.resize(moved, target);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(values(PilBilinear.resize(Views.hyperSlice(rgb, 2, c), 4, 5)),
                    values(Views.hyperSlice(target, 2, target.min(2) + c)), 0.0);
        }
    }

    @Test
    void spreadsNanOverItsWindowOnlyAndLeavesTheSourceAlone() {
        float[] data = new float[12 * 12];
        data[0] = Float.NaN;
        float[] before = data.clone();
        double[] out = values(PilBilinear.resize(ArrayImgs.floats(data, 12, 12), 4, 4));
        assertTrue(Double.isNaN(out[0]));
        assertEquals(0.0, out[15]);
        assertArrayEquals(before, data);
    }

    @Test
    void rejectsMismatchedAxes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PilBilinear.resize(ArrayImgs.floats(4, 4, 3), ArrayImgs.floats(2, 2, 1)));
        assertTrue(e.getMessage().contains("axis 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PilBilinear.resize(ArrayImgs.floats(4), 2, 2));
        assertThrows(IllegalArgumentException.class, () -> PilBilinear.resize(ArrayImgs.floats(4, 4), 0, 2));
    }

}
