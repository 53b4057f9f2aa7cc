package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.depthfm.imagej.ImageFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depthfm export3d} end to end: a sphere in front of a wall, as metric depth seen by a
 * pinhole whose focal length comes from the photo's EXIF; the files read back by Open3D (Debian's
 * python3-open3d, skipped where it is missing); every bad input one line and no file.
 */
class Export3dCommandTest {
    private static final int W = 72;
    private static final int H = 48;
    /** The EXIF's 26 mm in 35 mm terms on a 3:2 image: f = 26 / 36 * 72 = 52 pixels. */
    private static final double F = 52;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;
    private Path depth;
    private Path photo;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("export3d"));
        all.addAll(List.of(args));
        int code = DepthFmCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The depth along the optical axis of pixel (i, j): the unit sphere at Z = 4, else the wall at Z = 6. */
    static double sphereScene(int i, int j) {
        double x = (i + 0.5 - W / 2.0) / F;
        double y = (j + 0.5 - H / 2.0) / F;
        double dd = x * x + y * y + 1;
        double disc = 16 - dd * (16 - 1);
        return disc < 0 ? 6 : (4 - Math.sqrt(disc)) / dd;
    }

    @BeforeEach
    void inputs() throws IOException {
        FloatProcessor fp = new FloatProcessor(W, H);
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                fp.setf(i, j, (float) sphereScene(i, j));
            }
        }
        ImagePlus d = new ImagePlus("depth", fp);
        d.getCalibration().setValueUnit("m");
        depth = tmp.resolve("depth.tif");
        ImageFiles.saveTiff(d, depth);
        photo = Files.write(tmp.resolve("photo.jpg"), jpegWithExif(W, H, 26));
    }

    /** A JPEG of a colour ramp with an EXIF block (big-endian TIFF) holding FocalLengthIn35mmFilm. */
    static byte[] jpegWithExif(int w, int h, int focal35) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (255 * x / (w - 1)) << 16 | (255 * y / (h - 1)) << 8 | 60);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        if (focal35 == 0) {
            return plain;
        }
        // TIFF: header, IFD0 {ExifIFD -> 26}, Exif IFD {FocalLengthIn35mmFilm SHORT}
        ByteBuffer tiff = ByteBuffer.allocate(44);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        tiff.putShort((short) 1).putShort((short) 0xA405).putShort((short) 3).putInt(1).putShort((short) focal35)
                .putShort((short) 0).putInt(0);
        ByteBuffer out = ByteBuffer.allocate(plain.length + 10 + 44);
        out.put(plain, 0, 2).putShort((short) 0xFFE1).putShort((short) (2 + 6 + 44))
                .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff.array()).put(plain, 2, plain.length - 2);
        return out.array();
    }

    @Test
    void aSphereSeenThroughTheExifFocalLengthLiesOnTheSphereInEveryFormat() throws Exception {
        Path ply = tmp.resolve("sphere.ply");
        Outcome o = run(depth.toString(), photo.toString(), "-o", ply.toString(), "--mesh", "--normals",
                tmp.resolve("normals.png").toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals("camera: pinhole (auto: metric depth on an uncalibrated image)", lines.get(0));
        assertEquals("focal length from the EXIF of photo.jpg: (26.00 mm in 35 mm terms), 52 pixels", lines.get(1));
        assertEquals("kept 3456 of 3456 pixels", lines.get(2));
        // the few wall pixels without a triangle beside them (at the sphere's rim) are no vertices
        assertTrue(lines.get(3).matches("-> " + java.util.regex.Pattern.quote(ply.toString())
                + ": mesh of \\d+ vertices and \\d+ triangles, in m"), lines.get(3));
        Path obj = tmp.resolve("sphere.obj");
        Path stl = tmp.resolve("sphere.stl");
        Path ascii = tmp.resolve("points.ply");
        assertEquals(0, run(depth.toString(), photo.toString(), "-o", obj.toString(), "--mesh").code());
        assertEquals(0, run(depth.toString(), photo.toString(), "-o", stl.toString()).code());
        assertEquals(0, run(depth.toString(), photo.toString(), "-o", ascii.toString(), "--ascii").code());
        BufferedImage normals = ImageIO.read(tmp.resolve("normals.png").toFile());
        // on the sphere the normal is P - C (unit radius); the map shows (nx, -ny, -nz) as round((m + 1) / 2 * 255)
        for (int[] p : new int[][] {{36, 24}, {30, 20}, {42, 28}}) {
            double z = sphereScene(p[0], p[1]);
            double[] m = {(p[0] + 0.5 - W / 2.0) / F * z, -(p[1] + 0.5 - H / 2.0) / F * z, -(z - 4)};
            int c = normals.getRGB(p[0], p[1]);
            for (int k = 0; k < 3; k++) {
                // central differences on a 13-pixel-radius sphere: within 2 levels of 255
                assertEquals((m[k] + 1) / 2 * 255, c >> 16 - 8 * k & 0xFF, 2, "channel " + k + " at " + p[0] + "," + p[1]);
            }
        }

        assumeTrue(open3dImports(), "/usr/bin/python3 cannot import open3d");
        JsonObject read = open3d(ply, obj, stl, ascii);
        JsonObject mesh = read.getAsJsonObject(ply.toString());
        int vertices = Integer.parseInt(lines.get(3).replaceAll(".* of (\\d+) vertices.*", "$1"));
        int triangles = Integer.parseInt(lines.get(3).replaceAll(".* and (\\d+) triangles.*", "$1"));
        assertEquals(vertices, mesh.get("vertices").getAsInt());
        assertEquals(triangles, mesh.get("triangles").getAsInt());
        assertEquals(vertices, read.getAsJsonObject(obj.toString()).get("vertices").getAsInt());
        assertEquals(triangles, read.getAsJsonObject(obj.toString()).get("triangles").getAsInt());
        assertEquals(triangles, read.getAsJsonObject(stl.toString()).get("triangles").getAsInt());
        // the points, one per pixel in raster order: on the pinhole's rays, on the shapes, in the photo's colours
        JsonObject points = read.getAsJsonObject(ascii.toString());
        assertEquals(3456, points.get("points").getAsInt());
        ImageProcessor colours = IJ.openImage(photo.toString()).getProcessor();
        JsonArray xyz = points.getAsJsonArray("xyz");
        JsonArray rgb = points.getAsJsonArray("rgb");
        for (int v = 0; v < 3456; v++) {
            int i = v % W;
            int j = v / W;
            double x = xyz.get(3 * v).getAsDouble();
            double y = xyz.get(3 * v + 1).getAsDouble();
            double z = xyz.get(3 * v + 2).getAsDouble();
            assertTrue(onSphere(x, y, z) || Math.abs(z - 6) < 1e-5, "point " + v + " lies on the sphere or the wall");
            assertEquals((i + 0.5 - W / 2.0) * z / F, x, 1e-5, "pinhole x of " + i + "," + j);
            assertEquals((j + 0.5 - H / 2.0) * z / F, y, 1e-5, "pinhole y of " + i + "," + j);
            int c = colours.getPixel(i, j);
            assertEquals((c >> 16 & 0xFF) / 255.0, rgb.get(3 * v).getAsDouble(), 1e-6);
            assertEquals((c >> 8 & 0xFF) / 255.0, rgb.get(3 * v + 1).getAsDouble(), 1e-6);
            assertEquals((c & 0xFF) / 255.0, rgb.get(3 * v + 2).getAsDouble(), 1e-6);
        }
        // the mesh: every vertex on a shape, no triangle from the sphere to the wall
        JsonArray corners = mesh.getAsJsonArray("xyz");
        Set<Integer> sphere = new java.util.HashSet<>();
        for (int v = 0; v < vertices; v++) {
            double x = corners.get(3 * v).getAsDouble();
            double y = corners.get(3 * v + 1).getAsDouble();
            double z = corners.get(3 * v + 2).getAsDouble();
            assertTrue(onSphere(x, y, z) || Math.abs(z - 6) < 1e-5, "vertex " + v + " lies on the sphere or the wall");
            if (onSphere(x, y, z)) {
                sphere.add(v);
            }
        }
        assertTrue(sphere.size() > 400, sphere.size() + " vertices on the sphere");
        Set<Integer> onSphere = sphere;
        JsonArray faces = mesh.getAsJsonArray("faces");
        for (int t = 0; t < faces.size(); t += 3) {
            boolean a = onSphere.contains(faces.get(t).getAsInt());
            assertEquals(a, onSphere.contains(faces.get(t + 1).getAsInt()), "triangle " + t / 3 + " spans the edge");
            assertEquals(a, onSphere.contains(faces.get(t + 2).getAsInt()), "triangle " + t / 3 + " spans the edge");
        }
    }

    @Test
    void relativeDepthAndAPhotoWithoutExifSayWhatTheyAssume() throws IOException {
        ImagePlus rel = IJ.openImage(depth.toString());
        rel.getCalibration().setValueUnit("");
        Path relative = tmp.resolve("relative.tif");
        ImageFiles.saveTiff(rel, relative);
        Outcome r = run(relative.toString(), "-o", tmp.resolve("r.ply").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("camera: relative (auto: the depth has no unit, so it is relative)", r.out().lines().findFirst()
                .orElseThrow());
        assertTrue(r.out().contains("in pixel (relative depth)"), r.out());

        Path plain = Files.write(tmp.resolve("plain.jpg"), jpegWithExif(W, H, 0));
        Outcome p = run(depth.toString(), plain.toString(), "-o", tmp.resolve("p.ply").toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("plain.jpg has no EXIF focal length: using the default horizontal field of view of"
                + " 60 degrees, 62.3538 pixels"), p.out());
        Outcome given = run(depth.toString(), plain.toString(), "-o", tmp.resolve("g.ply").toString(), "--focal-mm",
                "50", "--sensor-mm", "36");
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().contains("camera: pinhole (auto: a focal length is given)"), given.out());
        assertTrue(given.out().contains("focal length: 50 mm on a 36 mm wide sensor, 100 pixels"), given.out());
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws IOException {
        Path small = tmp.resolve("small.png");
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
        FloatProcessor nan = new FloatProcessor(W, H);
        nan.set(Float.NaN);
        Path nanDepth = tmp.resolve("nan.tif");
        ImagePlus nanImage = new ImagePlus("nan", nan);
        nanImage.getCalibration().setValueUnit("m");
        ImageFiles.saveTiff(nanImage, nanDepth);
        Path emptyMask = tmp.resolve("empty.tif");
        ImageFiles.saveTiff(new ImagePlus("empty", new FloatProcessor(W, H)), emptyMask);
        Path out = tmp.resolve("out.ply");
        Set<Path> inputs;
        try (Stream<Path> files = Files.list(tmp)) {
            inputs = files.collect(Collectors.toSet());
        }
        assertFails(1, "depthfm: the image 'small.png' is 10x10 but the depth 'depth.tif' is 72x48",
                depth.toString(), small.toString(), "-o", out.toString());
        assertFails(1, "depthfm: no pixel of 'nan.tif' is left to export (kept 0 of 3456 pixels; dropped 3456: 3456 NaN"
                + " or infinite)", nanDepth.toString(), "-o", out.toString());
        assertFails(1, "depthfm: the mask 'empty.tif' is empty (all 0)", depth.toString(), "--mask",
                emptyMask.toString(), "-o", out.toString());
        assertFails(1, "depthfm: cannot write " + photo.resolve("out.ply") + ": " + photo + " is a file, not a folder",
                depth.toString(), "-o", photo.resolve("out.ply").toString());
        assertFails(1, "depthfm: --max-uncertainty needs the uncertainty map", depth.toString(), "-o", out.toString(),
                "--max-uncertainty", "0.1");
        assertFails(1, "depthfm: the 3D file must end in .ply, .obj or .stl, not out.xyz", depth.toString(), "-o",
                tmp.resolve("out.xyz").toString());
        assertFails(1, "depthfm: no such image: ", tmp.resolve("missing.tif").toString(), "-o", out.toString());
        assertFails(2, "mutually exclusive", depth.toString(), "-o", out.toString(), "--fov", "60", "--focal-px", "9");
        assertFails(2, "Missing required argument", depth.toString(), "-o", out.toString(), "--focal-mm", "50");
        assertFails(1, "depthfm: unknown camera 'fisheye'", depth.toString(), "-o", out.toString(), "--camera",
                "fisheye");
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(inputs, files.collect(Collectors.toSet()), "no file was written");
        }
    }

    /** Float coordinates: 1e-5 absolute on a scene of size 6. */
    private static boolean onSphere(double x, double y, double z) {
        return Math.abs(Math.sqrt(x * x + y * y + (z - 4) * (z - 4)) - 1) < 1e-5;
    }

    private static void assertFails(int code, String message, String... args) {
        Outcome o = run(args);
        assertEquals(code, o.code(), o.out() + o.err());
        assertTrue(o.err().contains(message), o.err());
        if (code == 1) {
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        }
    }

    private static boolean open3dImports() throws InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import open3d").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the mesh PLY, the OBJ and STL meshes and the ASCII point cloud with Open3D. */
    private static JsonObject open3d(Path ply, Path obj, Path stl, Path cloud) throws IOException, InterruptedException {
        String script = String.join("\n",
                "import json, sys",
                "import numpy as np",
                "import open3d as o3d",
                "out = {}",
                "for path in sys.argv[1:4]:",
                "    m = o3d.io.read_triangle_mesh(path)",
                "    out[path] = {'vertices': len(m.vertices), 'triangles': len(m.triangles)}",
                "m = o3d.io.read_triangle_mesh(sys.argv[1])",
                "out[sys.argv[1]].update({'xyz': np.asarray(m.vertices).ravel().tolist(),",
                "    'faces': np.asarray(m.triangles).ravel().tolist()})",
                "c = o3d.io.read_point_cloud(sys.argv[4])",
                "out[sys.argv[4]] = {'points': len(c.points), 'xyz': np.asarray(c.points).ravel().tolist(),",
                "    'rgb': np.asarray(c.colors).ravel().tolist()}",
                "print('RESULT ' + json.dumps(out))");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, ply.toString(), obj.toString(), stl.toString(),
                cloud.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "open3d finished");
        assertEquals(0, p.exitValue(), output);
        String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(
                () -> new AssertionError("no result from open3d: " + output));
        return JsonParser.parseString(result.substring("RESULT ".length())).getAsJsonObject();
    }
}
