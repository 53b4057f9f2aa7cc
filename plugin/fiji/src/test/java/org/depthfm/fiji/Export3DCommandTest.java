package org.depthfm.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Plugins › DepthFM › Export 3D, run headless through SciJava's CommandService as a macro would. */
class Export3DCommandTest {
    private static Context context;
    private static CommandService commands;
    private static ImagePlus relief;
    private static ImagePlus colour;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
        // a ramp z = 2 + 0.1 i mm on 0.5 mm pixels: an orthographic relief in mm (each cell spans 1/39 of the
        // range, within the default jump of 0.05 of it)
        FloatProcessor fp = new FloatProcessor(40, 10);
        for (int j = 0; j < 10; j++) {
            for (int i = 0; i < 40; i++) {
                fp.setf(i, j, 2 + 0.1f * i);
            }
        }
        relief = new ImagePlus("relief-depth", fp);
        relief.getCalibration().pixelWidth = 0.5;
        relief.getCalibration().pixelHeight = 0.5;
        relief.getCalibration().setUnit("mm");
        relief.getCalibration().setValueUnit("mm");
        ColorProcessor cp = new ColorProcessor(40, 10);
        cp.setColor(new java.awt.Color(200, 100, 50));
        cp.fill();
        colour = new ImagePlus("relief", cp);
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    private static CommandModule run(Object... inputs) throws Exception {
        Object[] base = {"depth", relief, "image", colour};
        Object[] all = Arrays.copyOf(base, base.length + inputs.length);
        System.arraycopy(inputs, 0, all, base.length, inputs.length);
        return commands.run(Export3DCommand.class, true, all).get();
    }

    @Test
    void aCalibratedReliefBecomesAnOrthographicMeshInItsUnit() throws Exception {
        Path file = tmp.resolve("relief.ply");
        CommandModule m = run("file", file.toFile(), "ascii", true, "normal_map", true);
        assertFalse(m.isCanceled(), () -> String.valueOf(m.getCancelReason()));
        assertEquals(file + ": mesh of 400 vertices and 702 triangles", m.getOutput("written"));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(lines.contains("format ascii 1.0"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("comment depthfm 3D: unit mm; metric depth")), lines.toString());
        int body = lines.indexOf("end_header") + 1;
        // vertex 41 is pixel (1, 1): x = y = 0.5 mm, z = 2.1 mm; the slope is 0.1 mm per
        // 0.5 mm pixel, so the normal is (0.2, 0, -1) / |.|, colour (200, 100, 50)
        String[] v = lines.get(body + 41).split(" ");
        assertEquals(0.5, Double.parseDouble(v[0]), 1e-6);
        assertEquals(0.5, Double.parseDouble(v[1]), 1e-6);
        assertEquals(2.1, Double.parseDouble(v[2]), 1e-6);
        assertEquals(0.2 / Math.sqrt(1.04), Double.parseDouble(v[3]), 1e-5);
        assertEquals(-1 / Math.sqrt(1.04), Double.parseDouble(v[5]), 1e-5);
        assertEquals(List.of("200", "100", "50"), List.of(v[6], v[7], v[8]));
        ImagePlus normals = (ImagePlus) m.getOutput("normals");
        assertEquals(40, normals.getWidth());
        assertEquals(0.5, normals.getCalibration().pixelWidth);
    }

    @Test
    void pointsAsStlAreTheMeshAndAsObjThePoints() throws Exception {
        Path stl = tmp.resolve("relief.stl");
        CommandModule m = run("file", stl.toFile(), "geometry", "points");
        assertFalse(m.isCanceled(), () -> String.valueOf(m.getCancelReason()));
        byte[] bytes = Files.readAllBytes(stl);
        assertEquals(702, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(80));
        Path obj = tmp.resolve("relief.obj");
        CommandModule points = run("file", obj.toFile(), "geometry", "points", "block", 2);
        assertFalse(points.isCanceled(), () -> String.valueOf(points.getCancelReason()));
        assertEquals(obj + ": 100 points", points.getOutput("written"));
        try (Stream<String> lines = Files.lines(obj)) {
            assertEquals(100, lines.filter(l -> l.startsWith("v ")).count());
        }
    }

    static Stream<Arguments> badInputs() throws IOException {
        File aFile = Files.writeString(tmp.resolve("note.txt"), "x").toFile();
        return Stream.of(
                Arguments.of("choose a depth image", new Object[] {"depth", null, "file", tmp.resolve("a.ply").toFile()}),
                Arguments.of("choose the file to write", new Object[] {}),
                Arguments.of("must end in .ply, .obj or .stl", new Object[] {"file", tmp.resolve("a.xyz").toFile()}),
                Arguments.of("is a file, not a folder", new Object[] {"file", new File(aFile, "a.ply")}),
                Arguments.of("the image 'small' is 5x5 but the depth 'relief-depth' is 40x10", new Object[] {"image",
                    new ImagePlus("small", new ColorProcessor(5, 5)), "file", tmp.resolve("a.ply").toFile()}),
                Arguments.of("the mask 'empty' is empty", new Object[] {"mask", new ImagePlus("empty",
                    new FloatProcessor(40, 10)), "file", tmp.resolve("a.ply").toFile()}),
                Arguments.of("a pinhole camera needs metric depth", new Object[] {"depth", new ImagePlus("rel",
                    new FloatProcessor(40, 10)), "camera", "pinhole", "file", tmp.resolve("a.ply").toFile()}),
                Arguments.of("unknown focal length source 'lidar'", new Object[] {"focal_length_from", "lidar",
                    "file", tmp.resolve("a.ply").toFile()}),
                Arguments.of("the 35 mm-equivalent focal length (mm) must be positive", new Object[] {
                    "focal_length_from", "35mm", "file", tmp.resolve("a.ply").toFile()}),
                Arguments.of("unknown geometry 'voxels'", new Object[] {"geometry", "voxels", "file",
                    tmp.resolve("a.ply").toFile()}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsOneClearMessageAndNoFile(String expected, Object[] inputs) throws Exception {
        CommandModule m = run(inputs);
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().contains(expected), m.getCancelReason());
        assertNull(m.getOutput("written"));
        assertFalse(Files.exists(tmp.resolve("a.ply")));
    }
}
