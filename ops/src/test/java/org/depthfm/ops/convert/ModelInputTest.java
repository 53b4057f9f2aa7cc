package org.depthfm.ops.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.depthfm.ops.TestImages.values;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import javax.imageio.ImageIO;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Reference;
import org.junit.jupiter.api.Test;

class ModelInputTest {

    /** The fixture picture (64 x 48, 8-bit RGB, a copy of depthfm-tiny/input.png) as (X, Y, C) bytes. */
    private static RandomAccessibleInterval<UnsignedByteType> picture() throws IOException {
        BufferedImage png = png();
        RandomAccessibleInterval<UnsignedByteType> img = ArrayImgs.unsignedBytes(png.getWidth(), png.getHeight(), 3);
        int[] rgb = new int[3];
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.getRaster().getPixel(x, y, rgb);
                for (int c = 0; c < 3; c++) {
                    img.getAt(x, y, c).set(rgb[c]);
                }
            }
        }
        return img;
    }

    private static BufferedImage png() throws IOException {
        try (InputStream in = ModelInputTest.class.getResourceAsStream("input.png")) {
            return ImageIO.read(in);
        }
    }

    @Test
    void eightBitMappingIsTheOfficialFloat64ThenFloat32() {
        // every byte value: v / 127.5 - 1 evaluated exactly, rounded to float64, then to float32
        RandomAccessibleInterval<UnsignedByteType> ramp = ArrayImgs.unsignedBytes(256, 1);
        for (int v = 0; v < 256; v++) {
            ramp.getAt(v, 0).set(v);
        }
        RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(256, 1);
        ModelInput.toModelRange(ramp, out, IntensityRange.unsignedByte());
        for (int v = 0; v < 256; v++) {
            double exact = new BigDecimal(v).divide(new BigDecimal("127.5"), MathContext.DECIMAL128)
                    .subtract(BigDecimal.ONE).doubleValue();
            assertEquals((float) exact, out.getAt(v, 0).get(), 0.0f, "value " + v);
        }
        assertEquals(-1f, out.getAt(0, 0).get());
        assertEquals(1f, out.getAt(255, 0).get());
    }

    @Test
    void matchesTheFixtureImageTensorBitForBit() throws IOException {
        Optional<Path> tiny = Reference.tinyFixture();
        assumeTrue(tiny.isPresent(), "../shared/fixtures/depthfm-tiny is not beside the checkout");
        // (1, 3, 48, 64) -> (64, 48, 3, 1), produced by numpy from the same PNG
        ArrayImg<FloatType, ?> expected = Reference.tensor(tiny.get().resolve("case_vae_encode.safetensors"),
                "image");
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(picture(), 0, 16);
        assertArrayEquals(values(Views.hyperSlice(expected, 3, 0)), values(input), 0.0);
    }

    @Test
    void matchesOfficialLoadImWithResizeBitForBit() throws IOException {
        // written by Pillow 9.4 + numpy (make_official_input.py): enlarging 48 -> 64 rows, and
        // shrinking by 2 (antialiased)
        RandomAccessibleInterval<FloatType> enlarged = ModelInput.prepare(picture(), -1, 64);
        assertArrayEquals(values(Reference.resource(getClass(), "official_input_-1_64.f32", 64, 64, 3)),
                values(enlarged), 0.0);
        RandomAccessibleInterval<FloatType> shrunk = ModelInput.prepare(picture(), 32, 8);
        assertArrayEquals(values(Reference.resource(getClass(), "official_input_32_8.f32", 32, 24, 3)),
                values(shrunk), 0.0);
    }

    @Test
    void argbColourGivesTheSameInput() throws IOException {
        BufferedImage png = png();
        RandomAccessibleInterval<ARGBType> argb = ArrayImgs.argbs(png.getWidth(), png.getHeight());
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                // an alpha of 7 must be ignored, as PIL's convert('RGB') drops alpha
                argb.getAt(x, y).set((png.getRGB(x, y) & 0xffffff) | (7 << 24));
            }
        }
        assertArrayEquals(values(ModelInput.prepare(picture(), -1, 64)), values(ModelInput.prepareArgb(argb, -1,
                64)), 0.0);
    }

    @Test
    void grayIsReplicatedToThreeChannels() {
        RandomAccessibleInterval<UnsignedByteType> gray = ArrayImgs.unsignedBytes(new byte[] {0, 51, (byte) 255,
            102}, 2, 2);
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(gray, 0, 1);
        assertArrayEquals(new long[] {2, 2, 3}, input.dimensionsAsLongArray());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(new double[] {-1, 51 / 127.5 - 1, 1, 102 / 127.5 - 1},
                    values(Views.hyperSlice(input, 2, c)), 1e-7);
        }
        // a one-channel stack is gray too
        assertArrayEquals(values(input), values(ModelInput.prepare(Views.addDimension(gray, 0, 0), 0, 1)), 0.0);
    }

    @Test
    void sixteenBitUsesMinMaxWithoutClipping() {
        RandomAccessibleInterval<UnsignedShortType> img = ArrayImgs.unsignedShorts(new short[] {1000, 3000, 5000,
            2000}, 2, 2);
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(img, 0, 1);
        assertArrayEquals(new double[] {-1, 0, 1, -0.5}, values(Views.hyperSlice(input, 2, 1)), 1e-7);
        // an explicit range: the full 16-bit range
        RandomAccessibleInterval<FloatType> full = ModelInput.prepare(img, IntensityRange.of(0, 65535), 0, 1);
        assertEquals(1000 / 32767.5 - 1, full.getAt(0, 0, 0).getRealDouble(), 1e-7);
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
                () -> ModelInput.prepare(img, IntensityRange.of(0, 4095), 0, 1));
        assertTrue(narrow.getMessage().contains("[1000.0, 5000.0], beyond the intensity range [0.0, 4095.0]"),
                narrow.getMessage());
    }

    @Test
    void aTileIsMappedWithTheWholeImagesRange() {
        RandomAccessibleInterval<UnsignedShortType> img = ArrayImgs.unsignedShorts(new short[] {1000, 3000, 3000,
            3000, 3000, 5000, 3000, 3000}, 4, 2);
        IntensityRange range = ModelInput.range(img);
        assertEquals(IntensityRange.of(1000, 5000), range);
        // the right half is flat on its own; with the whole image's range it maps to 0, not "constant"
        RandomAccessibleInterval<UnsignedShortType> flat = Views.zeroMin(Views.interval(img, new long[] {2, 0},
                new long[] {3, 1}));
        assertArrayEquals(new double[12], values(ModelInput.tile(flat, range, 1)), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> ModelInput.prepare(flat, 0, 1));
        // 8-bit images keep the official [0, 255] for every tile
        RandomAccessibleInterval<UnsignedByteType> bytes = ArrayImgs.unsignedBytes(new byte[] {0, 51, 102, (byte) 255},
                2, 2);
        assertEquals(IntensityRange.unsignedByte(), ModelInput.range(bytes));
        assertArrayEquals(values(ModelInput.prepare(bytes, 0, 1)), values(ModelInput.tile(bytes,
                ModelInput.range(bytes), 1)), 0.0);
    }

    @Test
    void floatImagesAreResizedAfterMapping() {
        float[] data = new float[8 * 6];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.25f - 3;
        }
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(ArrayImgs.floats(data, 8, 6), 4, 1);
        assertArrayEquals(new long[] {4, 3, 3}, input.dimensionsAsLongArray());
        for (double v : values(input)) {
            assertTrue(v >= -1 && v <= 1, "value " + v);
        }
    }

    @Test
    void doubleImagesSurviveFloatRoundingInTheResize() {
        // 0.1 has no float32 twin: PIL's float resize rounds the maximum up past the range's end
        double[] data = new double[9 * 7];
        Arrays.fill(data, 0.1);
        data[0] = 0.05;
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(ArrayImgs.doubles(data, 9, 7), 4, 1);
        for (double v : values(input)) {
            assertTrue(v >= -1 && v <= 1, "value " + v);
        }
    }

    @Test
    void percentilesClipOnlyWhenAskedTo() {
        float[] data = new float[101];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        data[100] = 10_000; // a hot pixel
        RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(data, 101, 1);
        IntensityRange range = IntensityRange.percentiles(img, 1, 99);
        // numpy: percentile(v, 1) = v[1] = 1, percentile(v, 99) = v[99] = 99
        assertEquals(new IntensityRange(1, 99, true), range);
        RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(101, 1);
        ModelInput.toModelRange(img, out, range);
        assertEquals(-1f, out.getAt(0, 0).get());
        assertEquals(1f, out.getAt(100, 0).get());
        assertEquals(0f, out.getAt(50, 0).get());
        // linear interpolation between ranks: (101 - 1) * 2.5 / 100 = 2.5 -> 2.5
        assertEquals(2.5, IntensityRange.percentiles(img, 2.5, 50).low(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelInput.toModelRange(img, out, IntensityRange.of(0, 99)));
        assertTrue(e.getMessage().contains("outside the intensity range"), e.getMessage());
    }

    @Test
    void rejectsNanInfinityAndConstantImagesWithTheFix() {
        float[] data = {1, 2, Float.NaN, 4};
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ModelInput.prepare(ArrayImgs.floats(data, 2, 2), 0, 1));
        assertTrue(nan.getMessage().contains("NaN at [0, 1") && nan.getMessage().contains("Remove NaNs"),
                nan.getMessage());
        data[2] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> IntensityRange.minMax(ArrayImgs.floats(data, 2, 2)));
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> ModelInput.prepare(ArrayImgs.unsignedBytes(new byte[] {9, 9, 9, 9}, 2, 2), 0, 1));
        assertTrue(constant.getMessage().contains("constant"), constant.getMessage());
        // one flat colour is constant too, although its channels differ
        RandomAccessibleInterval<ARGBType> flat = ArrayImgs.argbs(3, 3);
        flat.forEach(p -> p.set(0x102030));
        assertThrows(IllegalArgumentException.class, () -> ModelInput.prepareArgb(flat, 0, 1));
    }

    @Test
    void asksForChannelsWhenTheyAreAmbiguous() {
        RandomAccessibleInterval<FloatType> five = ArrayImgs.floats(4, 4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelInput.rgb(five));
        assertTrue(e.getMessage().contains("ModelInput.rgb(image, r, g, b)"), e.getMessage());
        RandomAccessibleInterval<FloatType> chosen = ModelInput.rgb(five, 4, 0, 0);
        assertArrayEquals(new long[] {4, 4, 3}, chosen.dimensionsAsLongArray());
        five.getAt(1, 2, 4).set(7);
        assertEquals(7f, chosen.getAt(1, 2, 0).get());
        assertThrows(IllegalArgumentException.class, () -> ModelInput.rgb(five, 0, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> ModelInput.rgb(ArrayImgs.floats(4, 4, 3, 2)));
    }

    @Test
    void leavesTheInputUnchanged() throws IOException {
        RandomAccessibleInterval<UnsignedByteType> img = picture();
        double[] pixels = Views.flatIterable(img).stream().mapToDouble(UnsignedByteType::getRealDouble).toArray();
        ModelInput.prepare(img, 32, 8);
        assertArrayEquals(pixels, Views.flatIterable(img).stream().mapToDouble(UnsignedByteType::getRealDouble)
                .toArray());
    }
}
