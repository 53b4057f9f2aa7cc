package org.depthfm.imagej.geometry;

import static org.depthfm.imagej.geometry.TestFiles.Entry.rational;
import static org.depthfm.imagej.geometry.TestFiles.Entry.shortValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.depthfm.ops.geometry.Pinhole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXIF focal lengths from real JPEG files whose EXIF blocks the tests lay out byte by byte. */
class ExifLensTest {
    private static final int FOCAL_LENGTH = 0x920A;
    private static final int FOCAL_35 = 0xA405;
    private static final int PLANE_X = 0xA20E;
    private static final int PLANE_UNIT = 0xA210;
    private static final int PIXEL_X = 0xA002;
    private static final int PIXEL_Y = 0xA003;

    @TempDir
    Path tmp;

    private Path photo(String name, int w, int h, ByteOrder order, TestFiles.Entry... entries) throws IOException {
        byte[] jpeg = TestFiles.jpeg(TestFiles.photo(w, h));
        byte[] bytes = entries.length == 0 ? jpeg : TestFiles.withExif(jpeg, TestFiles.tiff(order, List.of(entries)));
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void the35mmEquivalentGivesTheFocalLengthByTheDiagonalInBothByteOrders() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            Path file = photo("phone-" + order + ".jpg", 120, 80, order, rational(FOCAL_LENGTH, 425, 100),
                    shortValue(FOCAL_35, 26));
            assertNotNull(ImageIO.read(file.toFile()), "a JPEG other readers open");
            ImagePlus opened = IJ.openImage(file.toString());
            assertEquals(120, opened.getWidth(), "ImageJ opens it too");
            ExifLens exif = ExifLens.read(file);
            assertEquals(4.25, exif.focalLengthMm(), 1e-12);
            assertEquals(26, exif.focalLength35mm(), 0);
            // 120x80 has the 3:2 frame's shape: the diagonal ratio is 120/36, so f = 26 * 120 / 36
            Pinhole camera = exif.camera(120, 80).orElseThrow();
            assertEquals(26 * 120 / 36.0, camera.fx(), 1e-9);
            assertEquals(camera.fx(), camera.fy(), 0);
            assertEquals(60, camera.cx(), 0);
            assertEquals(40, camera.cy(), 0);
        }
    }

    @Test
    void aFocalLengthWithTheFocalPlaneResolutionGivesPixelsAtTheImageSize() throws IOException {
        // 1000 pixels per cm = 100 per mm, so 4.25 mm is 425 pixels at the 120x80 the tags refer to
        Path file = photo("camera.jpg", 120, 80, ByteOrder.BIG_ENDIAN, rational(FOCAL_LENGTH, 425, 100),
                rational(PLANE_X, 1000, 1), shortValue(PLANE_UNIT, 3), shortValue(PIXEL_X, 120),
                shortValue(PIXEL_Y, 80));
        ExifLens exif = ExifLens.read(file);
        assertEquals(100, exif.focalPlanePixelsPerMm(), 1e-12);
        assertEquals(425, exif.camera(120, 80).orElseThrow().fx(), 1e-9);
        assertEquals(850, exif.camera(240, 160).orElseThrow().fx(), 1e-9, "a depth map twice the size");
        assertEquals(425, exif.camera(80, 120).orElseThrow().fx(), 1e-9, "the photo rotated");
        // inches, EXIF's default unit: 2540 per inch is 100 per mm; no pixel tags, so the JPEG's own size
        Path inches = photo("inch.jpg", 120, 80, ByteOrder.LITTLE_ENDIAN, rational(FOCAL_LENGTH, 425, 100),
                rational(PLANE_X, 2540, 1));
        assertEquals(425, ExifLens.read(inches).camera(120, 80).orElseThrow().fx(), 1e-9);
    }

    @Test
    void aMissingFocalLengthFallsBackToTheDefaultFieldOfViewWithOneLine() throws IOException {
        Path plain = photo("plain.jpg", 120, 80, ByteOrder.BIG_ENDIAN);
        assertSame(ExifLens.NONE, ExifLens.read(plain));
        List<String> notes = new ArrayList<>();
        Pinhole camera = Lens.exif().camera(120, 80, plain, notes::add);
        // 60 degrees: f = 60 / tan(30 degrees) = 60 * sqrt(3)
        assertEquals(60 * Math.sqrt(3), camera.fx(), 1e-9);
        assertEquals(List.of("plain.jpg has no EXIF focal length: using the default horizontal field of view of 60"
                + " degrees, 103.923 pixels (give the focal length to override)"), notes);

        Path onlyMm = photo("only-mm.jpg", 120, 80, ByteOrder.BIG_ENDIAN, rational(FOCAL_LENGTH, 50, 1));
        notes.clear();
        assertEquals(60 * Math.sqrt(3), Lens.exif().camera(120, 80, onlyMm, notes::add).fx(), 1e-9);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("only-mm.jpg gives the focal length 50.00 mm without a 35 mm equivalent"),
                notes.get(0));
    }

    @Test
    void anExifTagOfTheUserWins() throws IOException {
        Path file = photo("phone.jpg", 120, 80, ByteOrder.BIG_ENDIAN, shortValue(FOCAL_35, 26));
        List<String> notes = new ArrayList<>();
        assertEquals(500, Lens.pixels(500).camera(120, 80, file, notes::add).fx(), 0);
        notes.clear();
        Pinhole exif = Lens.exif().camera(120, 80, file, notes::add);
        assertEquals(26 * 120 / 36.0, exif.fx(), 1e-9);
        assertEquals(List.of("focal length from the EXIF of phone.jpg: (26.00 mm in 35 mm terms), 86.6667 pixels"), notes);
    }

    @Test
    void damagedOrForeignFilesGiveNoExifAndNoError() throws IOException {
        byte[] good = TestFiles.withExif(TestFiles.jpeg(TestFiles.photo(20, 10)),
                TestFiles.tiff(ByteOrder.BIG_ENDIAN, List.of(shortValue(FOCAL_35, 26))));
        // the Exif IFD pointer aimed far outside the block
        byte[] badPointer = good.clone();
        int pointer = indexOf(badPointer, new byte[] {(byte) 0x87, 0x69, 0, 4, 0, 0, 0, 1}) + 8;
        badPointer[pointer] = 0x7F;
        assertSame(ExifLens.NONE, ExifLens.read(Files.write(tmp.resolve("bad.jpg"), badPointer)));
        // cut inside the Exif segment
        assertSame(ExifLens.NONE, ExifLens.read(Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(good, 30))));
        assertSame(ExifLens.NONE, ExifLens.read(Files.write(tmp.resolve("text.jpg"), "not a photo".getBytes())));
        Path png = tmp.resolve("photo.png");
        ImageIO.write(TestFiles.photo(20, 10), "png", png.toFile());
        assertSame(ExifLens.NONE, ExifLens.read(png));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
