package org.depthfm.imagej.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.io.PlyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageJ images to 3D files, checked against the shapes the depth maps were made from: a tilted
 * plane seen through a pinhole, calibrated orthographic relief in another unit, relative depth, a
 * step, and every kind of bad input.
 */
class Export3DTest {
    private static final int W = 40;
    private static final int H = 30;

    @TempDir
    Path tmp;

    /** A 32-bit depth image with values {@code depth(i, j)} and the given value unit. */
    static ImagePlus depth(String title, int w, int h, DoubleBinaryOperator depth, String unit) {
        FloatProcessor fp = new FloatProcessor(w, h);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                fp.setf(i, j, (float) depth.applyAsDouble(i, j));
            }
        }
        ImagePlus imp = new ImagePlus(title, fp);
        imp.getCalibration().setValueUnit(unit);
        return imp;
    }

    /** The plane Z = 0.3 X - 0.2 Y + 5 seen by a pinhole of f = 50 px at the centre of a 40x30 image. */
    private static double tiltedPlane(double i, double j) {
        double x = (i + 0.5 - W / 2.0) / 50;
        double y = (j + 0.5 - H / 2.0) / 50;
        return 5 / (1 - 0.3 * x + 0.2 * y);
    }

    private static ExportSettings pinhole50() {
        return ExportSettings.DEFAULTS.withCamera(CameraModel.PINHOLE).withLens(Lens.pixels(50));
    }

    @Test
    void aTiltedPlaneThroughAPinholeLiesOnThePlaneWithItsNormal() throws IOException {
        ImagePlus d = depth("plane.tif", W, H, Export3DTest::tiltedPlane, "m");
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d), pinhole50());
        Path file = tmp.resolve("plane.ply");
        Export3DFiles.Written w = Export3DFiles.write(s, true, file, PlyFormat.BINARY_LITTLE_ENDIAN);
        assertEquals(W * H, w.points());
        assertEquals(2 * (W - 1) * (H - 1), w.triangles(), "a smooth plane keeps every triangle");
        TestFiles.PlyData ply = TestFiles.readPly(file);
        assertEquals(W * H, ply.vertices());
        assertEquals(2 * (W - 1) * (H - 1), ply.faces().size());
        double norm = Math.sqrt(0.3 * 0.3 + 0.2 * 0.2 + 1);
        for (int v = 0; v < ply.vertices(); v++) {
            double x = ply.get("x", v);
            double y = ply.get("y", v);
            double z = ply.get("z", v);
            // float storage: 1e-6 relative
            assertEquals(0.3 * x - 0.2 * y + 5, z, 1e-6 * z, "vertex " + v + " on the plane");
            assertEquals(0.3 / norm, ply.get("nx", v), 1e-4);
            assertEquals(-0.2 / norm, ply.get("ny", v), 1e-4);
            assertEquals(-1 / norm, ply.get("nz", v), 1e-4);
        }
        assertTrue(ply.header().stream().anyMatch(l -> l.startsWith("comment depthfm 3D: unit m; metric depth")),
                ply.header().toString());
        assertEquals(List.of("focal length: 50 pixels as given, 50 pixels", "kept 1200 of 1200 pixels"), s.notes());
    }

    @Test
    void calibratedReliefIsOrthographicInThePixelsUnitWithTheDepthConverted() throws IOException {
        // depth in mm on 0.5 µm pixels: z in µm is 1000 times the depth
        ImagePlus d = depth("relief", 8, 6, (i, j) -> 0.001 + 0.0001 * i - 0.00005 * j, "mm");
        d.getCalibration().pixelWidth = 0.5;
        d.getCalibration().pixelHeight = 0.25;
        d.getCalibration().setUnit("micron");
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d), ExportSettings.DEFAULTS);
        assertEquals("camera: orthographic (auto: metric depth on a calibrated image)", s.notes().get(0));
        assertEquals("depth in mm converted to the pixels' µm (x 1000.0)", s.notes().get(1));
        Path file = tmp.resolve("relief.ply");
        Export3DFiles.write(s, false, file, PlyFormat.ASCII);
        TestFiles.PlyData ply = TestFiles.readPly(file);
        assertEquals(48, ply.vertices());
        for (int v = 0; v < 48; v++) {
            int i = v % 8;
            int j = v / 8;
            assertEquals(0.5 * i, ply.get("x", v), 1e-6);
            assertEquals(0.25 * j, ply.get("y", v), 1e-6);
            assertEquals(1 + 0.1 * i - 0.05 * j, ply.get("z", v), 1e-5);
        }
        assertTrue(ply.header().contains("comment depthfm 3D: unit µm; metric depth: z = 1000.0 * depth; camera "
                + "Orthographic[pixelWidth=0.5, pixelHeight=0.25, unit=µm]; axes x right, y down, z away from the camera"),
                ply.header().toString());
    }

    @Test
    void relativeDepthSpansHalfTheWidthAndSaysSo() throws IOException {
        // depth from 2 to 4 over a 40-pixel width: z = 0.5 * 40 / 2 * depth = 10 * depth, in pixels
        ImagePlus d = depth("relative", W, H, (i, j) -> 2 + 2 * i / (W - 1.0), "");
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d), ExportSettings.DEFAULTS);
        assertEquals(10, s.projection().zScale(), 1e-12);
        assertTrue(s.projection().relative());
        assertEquals("camera: relative (auto: the depth has no unit, so it is relative)", s.notes().get(0));
        Path file = tmp.resolve("relative.ply");
        Export3DFiles.write(s, false, file, PlyFormat.BINARY_LITTLE_ENDIAN);
        TestFiles.PlyData ply = TestFiles.readPly(file);
        for (int v = 0; v < ply.vertices(); v++) {
            int i = v % W;
            assertEquals(i, ply.get("x", v), 0);
            assertEquals(10 * (2 + 2 * i / (W - 1.0)), ply.get("z", v), 1e-5);
        }
        assertTrue(ply.header().stream().anyMatch(l -> l.contains("relative depth (no true scale)")));
        // the same under a 0.5 mm calibration: x in mm, and the range spans half of the 20 mm width
        d.getCalibration().pixelWidth = 0.5;
        d.getCalibration().pixelHeight = 0.5;
        d.getCalibration().setUnit("mm");
        PreparedSurface mm = Export3D.prepare(SurfaceSource.of(d), ExportSettings.DEFAULTS);
        assertEquals(5, mm.projection().zScale(), 1e-12);
        assertEquals("mm", mm.projection().unit());
    }

    @Test
    void coloursComeFromTheImageAndTheUncertaintyAndMaskFilter() throws IOException {
        ImagePlus d = depth("d", W, H, Export3DTest::tiltedPlane, "m");
        BufferedImage photo = TestFiles.photo(W, H);
        ImagePlus colour = new ImagePlus("photo", new ColorProcessor(photo));
        ImagePlus uncertainty = depth("u", W, H, (i, j) -> i < 10 ? 0.5 : 0.01, "m");
        ImagePlus mask = depth("m", W, H, (i, j) -> j < 20 ? 255 : 0, "");
        ExportSettings settings = pinhole50().withOptions(GeometryOptions.DEFAULTS.withMaxUncertainty(0.1));
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d).withImage(colour).withUncertainty(uncertainty)
                .withMask(mask), settings);
        // rows 20..29 masked (400), then of rows 0..19 columns 0..9 uncertain (200)
        assertEquals(new PreparedSurface.Counts(1200, 0, 400, 0, 0, 200), s.counts());
        Path file = tmp.resolve("coloured.ply");
        Export3DFiles.write(s, false, file, PlyFormat.BINARY_LITTLE_ENDIAN);
        TestFiles.PlyData ply = TestFiles.readPly(file);
        assertEquals(600, ply.vertices());
        for (int v = 0; v < ply.vertices(); v++) {
            int i = 10 + v % 30;
            int j = v / 30;
            int rgb = photo.getRGB(i, j);
            assertEquals(rgb >> 16 & 0xFF, ply.get("red", v), 0, "red of " + i + "," + j);
            assertEquals(rgb >> 8 & 0xFF, ply.get("green", v), 0);
            assertEquals(rgb & 0xFF, ply.get("blue", v), 0);
            assertEquals(0.01, ply.get("uncertainty", v), 1e-7);
        }
    }

    @Test
    void nanAndNonPositiveDepthsAreDroppedAndCounted() {
        ImagePlus d = depth("holes", W, H, (i, j) -> j == 0 && i < 3 ? Double.NaN : j == 1 && i < 2 ? -1
                : j == 2 && i == 0 ? 0 : j == 3 && i == 0 ? Double.POSITIVE_INFINITY : 3, "m");
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d), pinhole50());
        assertEquals(new PreparedSurface.Counts(1200, 4, 0, 0, 3, 0), s.counts());
        assertEquals("kept 1193 of 1200 pixels; dropped 7: 4 NaN or infinite, 3 not above 0 (a pinhole camera sees"
                + " only positive depth)", s.notes().get(1));
        assertEquals(1193, s.cloud().count());
        PreparedSurface ranged = Export3D.prepare(SurfaceSource.of(d),
                pinhole50().withOptions(GeometryOptions.DEFAULTS.withDepthRange(2.5, 10)));
        assertEquals(new PreparedSurface.Counts(1200, 4, 0, 3, 0, 0), ranged.counts(), "the range is tested first");
    }

    @Test
    void aStepAsStlHasNoTriangleAcrossIt() throws IOException {
        ImagePlus d = depth("step", 10, 6, (i, j) -> i < 5 ? 2 : 4, "m");
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d), pinhole50());
        Path file = tmp.resolve("step.stl");
        Export3DFiles.Written w = Export3DFiles.write(s, false, file, PlyFormat.BINARY_LITTLE_ENDIAN);
        assertTrue(w.mesh(), "STL always holds the mesh");
        // 9x5 cells, 5 of them straddle the step: (45 - 5) * 2 triangles
        assertEquals(80, w.triangles());
        byte[] stl = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(stl).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(80, b.getInt(80));
        assertEquals(84 + 50 * 80, stl.length);
        for (int t = 0; t < 80; t++) {
            int at = 84 + 50 * t;
            assertEquals(-1, b.getFloat(at + 8), 1e-6, "facet " + t + " faces the camera");
            float z0 = b.getFloat(at + 20);
            assertEquals(z0, b.getFloat(at + 32), 0, "facet " + t + " lies on one side of the step");
            assertEquals(z0, b.getFloat(at + 44), 0);
        }
    }

    @Test
    void theNormalMapOfATiltedPlaneHasItsAnalyticColour() throws IOException {
        // z = 0.3 x - 0.2 y + 5 mm on 1 mm pixels: n toward the camera is (0.3, -0.2, -1) / |.|, the map
        // shows (nx, -ny, -nz), so each channel is round(((m + 1) / 2) * 255)
        ImagePlus d = depth("tilted", W, H, (i, j) -> 0.3 * i - 0.2 * j + 5, "mm");
        d.getCalibration().pixelWidth = 1;
        d.getCalibration().pixelHeight = 1;
        d.getCalibration().setUnit("mm");
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d), ExportSettings.DEFAULTS.withCamera(
                CameraModel.ORTHOGRAPHIC));
        Path png = tmp.resolve("normals.png");
        Export3DFiles.saveNormalMap(s, png);
        BufferedImage map = ImageIO.read(png.toFile());
        assertEquals(W, map.getWidth());
        double norm = Math.sqrt(0.3 * 0.3 + 0.2 * 0.2 + 1);
        int[] expected = {(int) Math.round((0.3 / norm + 1) / 2 * 255), (int) Math.round((0.2 / norm + 1) / 2 * 255),
            (int) Math.round((1 / norm + 1) / 2 * 255)};
        int rgb = map.getRGB(20, 15);
        assertEquals(expected[0], rgb >> 16 & 0xFF, 1);
        assertEquals(expected[1], rgb >> 8 & 0xFF, 1);
        assertEquals(expected[2], rgb & 0xFF, 1);
    }

    @Test
    void badInputIsOneClearMessageAndNothingIsWritten() throws IOException {
        ImagePlus d = depth("d.tif", W, H, Export3DTest::tiltedPlane, "m");
        ImagePlus relative = depth("r.tif", W, H, Export3DTest::tiltedPlane, "");
        Path out = tmp.resolve("out.ply");
        Path aFile = Files.writeString(tmp.resolve("note.txt"), "a file");
        assertMessage("the image 'small' is 20x10 but the depth 'd.tif' is 40x30", () -> Export3D.prepare(
                SurfaceSource.of(d).withImage(new ImagePlus("small", new ColorProcessor(20, 10))), pinhole50()));
        assertMessage("the mask 'small' is 20x10", () -> Export3D.prepare(
                SurfaceSource.of(d).withMask(new ImagePlus("small", new FloatProcessor(20, 10))), pinhole50()));
        assertMessage("no pixel of 'nan' is left to export (kept 0 of 1200 pixels; dropped 1200: 1200 NaN or infinite)",
                () -> Export3D.prepare(SurfaceSource.of(depth("nan", W, H, (i, j) -> Double.NaN, "m")), pinhole50()));
        assertMessage("dropped 1200: 1200 not above 0", () -> Export3D.prepare(
                SurfaceSource.of(depth("negative", W, H, (i, j) -> -1, "m")), pinhole50()));
        assertMessage("the mask 'empty' is empty (all 0)", () -> Export3D.prepare(
                SurfaceSource.of(d).withMask(new ImagePlus("empty", new FloatProcessor(W, H))), pinhole50()));
        assertMessage("a pinhole camera needs metric depth, but 'r.tif' has no depth unit",
                () -> Export3D.prepare(SurfaceSource.of(relative), pinhole50()));
        assertMessage("an orthographic camera needs the pixel size, but 'd.tif' is not spatially calibrated",
                () -> Export3D.prepare(SurfaceSource.of(d), ExportSettings.DEFAULTS.withCamera(CameraModel.ORTHOGRAPHIC)));
        assertMessage("an uncertainty threshold (0.1) needs an uncertainty image", () -> Export3D.prepare(
                SurfaceSource.of(d), pinhole50().withOptions(GeometryOptions.DEFAULTS.withMaxUncertainty(0.1))));
        assertMessage("the depth 'rgb' is a colour image", () -> Export3D.prepare(
                SurfaceSource.of(new ImagePlus("rgb", new ColorProcessor(W, H))), pinhole50()));
        PreparedSurface s = Export3D.prepare(SurfaceSource.of(d), pinhole50());
        assertMessage("cannot write " + aFile.resolve("out.ply") + ": " + aFile + " is a file, not a folder",
                () -> Export3DFiles.write(s, false, aFile.resolve("out.ply"), PlyFormat.ASCII));
        assertMessage("cannot write " + tmp + ": it is a folder", () -> Export3DFiles.write(s, false, tmp,
                PlyFormat.ASCII));
        assertMessage("the 3D file must end in .ply, .obj or .stl, not out.xyz",
                () -> Export3DFiles.write(s, false, tmp.resolve("out.xyz"), PlyFormat.ASCII));
        assertMessage("the normal map must be a .png or .tif file, not n.jpg",
                () -> Export3DFiles.saveNormalMap(s, tmp.resolve("n.jpg")));
        PreparedSurface lonely = Export3D.prepare(SurfaceSource.of(depth("dots", W, H, (i, j) -> (i + j) % 2 == 0 ? 3
                : Double.NaN, "m")), pinhole50());
        assertMessage("no triangle is left of 'dots'", () -> Export3DFiles.write(lonely, true, out, PlyFormat.ASCII));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(aFile), files.toList(), "nothing was written");
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }
}
