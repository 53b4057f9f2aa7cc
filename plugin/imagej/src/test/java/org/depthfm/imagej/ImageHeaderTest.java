package org.depthfm.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depthfm.pipeline.HostileFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image headers read without decoding: the sizes real files declare, and hostile or damaged files refused. */
class ImageHeaderTest {
    @TempDir
    Path tmp;

    private static ImagePlus colour(int w, int h) {
        ColorProcessor cp = new ColorProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            cp.set(i, (i * 7919) & 0xffffff); // noise, so compressed formats stay large
        }
        return new ImagePlus("c", cp);
    }

    @Test
    void realFilesDeclareTheirSizePlanesAndPixelType() throws IOException {
        Path png = tmp.resolve("a.png");
        new FileSaver(colour(70, 30)).saveAsPng(png.toString());
        assertEquals(new ImageHeader("PNG", 70, 30, 1, 1, 4), ImageHeader.read(png));
        Path jpg = tmp.resolve("a.jpg");
        new FileSaver(colour(70, 30)).saveAsJpeg(jpg.toString());
        assertEquals(new ImageHeader("JPEG", 70, 30, 1, 1, 4), ImageHeader.read(jpg));
        Path gif = tmp.resolve("a.gif");
        new FileSaver(new ImagePlus("g", new ByteProcessor(33, 17))).saveAsGif(gif.toString());
        assertEquals(new ImageHeader("GIF", 33, 17, 1, 1, 1), ImageHeader.read(gif));
        Path bmp = tmp.resolve("a.bmp");
        new FileSaver(colour(70, 30)).saveAsBmp(bmp.toString());
        assertEquals(70, ImageHeader.read(bmp).width());
        // a 16-bit hyperstack: 2 channels x 3 slices, ImageJ's own layout
        ImageStack stack = new ImageStack(40, 20);
        for (int i = 0; i < 6; i++) {
            stack.addSlice(new ShortProcessor(40, 20));
        }
        ImagePlus hyper = new ImagePlus("h", stack);
        hyper.setDimensions(2, 3, 1);
        Path tif = tmp.resolve("h.tif");
        new FileSaver(hyper).saveAsTiffStack(tif.toString());
        ImageHeader h = ImageHeader.read(tif);
        assertEquals(new ImageHeader("TIFF", 40, 20, 6, 2, 2), h);
        assertEquals(3, h.frames());
        assertEquals(40L * 20 * 2 * 6, h.pixelBytes());
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertEquals(null, ImageHeader.read(tmp.resolve("notes.txt")));
    }

    @ParameterizedTest
    @ValueSource(longs = {12000, 100000, 46341})
    void aTinyTiffDeclaringAHugeImageIsRefusedBeforeAnyPixelIsRead(long side) throws IOException {
        Path f = HostileFiles.tinyTiff(tmp.resolve("huge.tif"), side, side);
        assertEquals(138, Files.size(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFiles.open(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aCompressedTiffTooLargeForImageJOrTheHeapIsRefusedFromItsHeader() throws IOException {
        // LZW strips cannot be checked against the declared size, so the size itself decides
        Path plane = HostileFiles.tiff(tmp.resolve("plane.tif"), 46341, 46341, 1, 5, 4, new byte[4], null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFiles.open(plane));
        assertTrue(e.getMessage().contains("46341x46341") && e.getMessage().contains("one plane"), e.getMessage());
        long heap = Runtime.getRuntime().maxMemory();
        long planes = heap / (8000L * 8000) + 1;
        Path stack = HostileFiles.tiff(tmp.resolve("stack.tif"), 8000, 8000, 1, 5, 4, new byte[4],
                "ImageJ=1.54p\nimages=" + planes + "\n");
        e = assertThrows(IllegalArgumentException.class, () -> ImageFiles.open(stack));
        assertTrue(e.getMessage().contains("Java heap") && e.getMessage().contains(planes + " plane(s)"), e.getMessage());
    }

    @Test
    void truncatedFilesAreRefusedNamingTheFile() throws IOException {
        Path tif = tmp.resolve("whole.tif");
        new FileSaver(colour(64, 48)).saveAsTiff(tif.toString());
        Path png = tmp.resolve("whole.png");
        new FileSaver(colour(64, 48)).saveAsPng(png.toString());
        Path jpg = tmp.resolve("whole.jpg");
        new FileSaver(colour(64, 48)).saveAsJpeg(jpg.toString());
        for (Path whole : new Path[] {tif, png, jpg}) {
            assertEquals(64, ImageFiles.open(whole).getWidth());
            String name = whole.getFileName().toString().replace("whole", "cut");
            Path cut = HostileFiles.truncated(whole, tmp.resolve(name), 1.0 / 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFiles.open(cut));
            assertTrue(e.getMessage().startsWith(cut + " is damaged") && e.getMessage().contains("truncated"),
                    e.getMessage());
        }
    }

    @Test
    void aTiffWhoseStripHoldsFewerBytesThanItsPixelsIsDamaged() throws IOException {
        Path f = HostileFiles.tiff(tmp.resolve("short.tif"), 100, 100, 1, 1, 16, new byte[16], null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageHeader.read(f));
        assertTrue(e.getMessage().contains("10000 bytes") && e.getMessage().contains("holds 16"), e.getMessage());
    }
}
