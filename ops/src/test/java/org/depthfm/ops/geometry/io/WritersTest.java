package org.depthfm.ops.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.depthfm.base.AtomicFile;
import org.depthfm.ops.geometry.Depths;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Mesh;
import org.depthfm.ops.geometry.Meshes;
import org.depthfm.ops.geometry.PointCloud;
import org.depthfm.ops.geometry.PointClouds;
import org.depthfm.ops.geometry.Projection;
import org.depthfm.ops.geometry.Surface;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WritersTest {
    private static final double SQRT3 = Math.sqrt(3);

    private static byte[] ply(PointCloud cloud, PlyFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ply.write(cloud, out, format);
        return out.toByteArray();
    }

    private static void assertColumn(List<Double> values, double[] expected, double tolerance, String what) {
        assertArrayEquals(expected, values.stream().mapToDouble(Double::doubleValue).toArray(), tolerance, what);
    }

    @ParameterizedTest
    @EnumSource(PlyFormat.class)
    void pointCloudPlyReadsBackWithEveryProperty(PlyFormat format) throws IOException {
        PlyReader ply = new PlyReader(ply(PointClouds.build(Scenes.tilted(), Scenes.MICROMETRES), format));
        assertEquals(format == PlyFormat.ASCII ? "ascii" : "binary_little_endian", ply.format);
        assertEquals(Map.of("vertex", 12), ply.counts);
        assertEquals(List.of("x", "y", "z", "nx", "ny", "nz", "red", "green", "blue", "uncertainty"),
                ply.propertyNames("vertex"));
        assertEquals(1, ply.comments.size());
        assertTrue(ply.comments.get(0).contains("unit µm; metric depth"), ply.comments.get(0));
        assertTrue(ply.comments.get(0).contains("Orthographic[pixelWidth=0.5, pixelHeight=0.25, unit=µm]"));
        double[][] expected = new double[10][12];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                double[] p = {0.5 * i, 0.25 * j, 1 + 0.5 * i + 0.25 * j, 1 / SQRT3, 1 / SQRT3, -1 / SQRT3, 10 * i,
                    20 * j, 200, 0.01 * (i + 4 * j)};
                for (int k = 0; k < 10; k++) {
                    expected[k][4 * j + i] = p[k];
                }
            }
        }
        Map<String, List<Double>> vertex = ply.elements.get("vertex");
        List<String> names = ply.propertyNames("vertex");
        for (int k = 0; k < 10; k++) {
            assertColumn(vertex.get(names.get(k)), expected[k], 1e-6, names.get(k));
        }
    }

    @ParameterizedTest
    @EnumSource(PlyFormat.class)
    void meshPlyHasItsFaces(PlyFormat format) throws IOException {
        Mesh mesh = Meshes.build(Scenes.plane(), Scenes.PINHOLE, Scenes.DEFAULTS_WITHOUT_NORMALS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ply.write(mesh, out, format);
        PlyReader ply = new PlyReader(out.toByteArray());
        assertEquals(Map.of("vertex", 20, "face", 24), ply.counts);
        assertEquals(List.of("x", "y", "z"), ply.propertyNames("vertex"));
        // the first cell's triangles: (0,0) (0,1) (1,0) and (1,0) (0,1) (1,1), raster indices
        assertColumn(ply.elements.get("face").get("vertex_indices").subList(0, 6), new double[] {0, 5, 1, 1, 5, 6}, 0,
                "first cell");
        assertEquals(72, ply.elements.get("face").get("vertex_indices").size());
        // X = (i + 0.5 - 2.5) * 2 / 5 for i = 0..4
        assertColumn(ply.elements.get("vertex").get("x").subList(0, 5), new double[] {-0.8, -0.4, 0, 0.4, 0.8}, 1e-6,
                "x");
    }

    @Test
    void relativeExportsSayRelative() throws IOException {
        Surface surface = Surface.of(Depths.of(8, 2, (i, j) -> i / 7.0));
        Projection relative = Projection.relative(Depths.of(8, 2, (i, j) -> i / 7.0));
        PlyReader ply = new PlyReader(ply(PointClouds.build(surface, relative), PlyFormat.BINARY_LITTLE_ENDIAN));
        assertTrue(ply.comments.get(0).contains("unit pixel; relative depth (no true scale): z = 4.0 * depth"),
                ply.comments.get(0));
    }

    @Test
    void objHasColouredVerticesNormalsAndOneBasedFaces() throws IOException {
        // on 4x3 pixels each cell spans over a third of the depth range, so keep every triangle
        Mesh mesh = Meshes.build(Scenes.tilted(), Scenes.MICROMETRES,
                GeometryOptions.DEFAULTS.withMaxRelativeJump(Double.POSITIVE_INFINITY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Obj.write(mesh, out);
        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(1 + 12 + 12 + 12, lines.size());
        assertTrue(lines.get(0).startsWith("# depthfm 3D: unit µm"));
        assertEquals(12, lines.stream().filter(l -> l.startsWith("v ")).count());
        assertEquals(12, lines.stream().filter(l -> l.startsWith("vn ")).count());
        assertEquals(12, lines.stream().filter(l -> l.startsWith("f ")).count());
        // pixel (1, 2): (0.5, 0.5, 2), colour (10, 40, 200) / 255
        double[] v = Stream.of(lines.get(1 + 4 * 2 + 1).substring(2).split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(new double[] {0.5, 0.5, 2, 10 / 255.0, 40 / 255.0, 200 / 255.0}, v, 1e-6);
        double[] n = Stream.of(lines.get(1 + 12).substring(3).split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(new double[] {1 / SQRT3, 1 / SQRT3, -1 / SQRT3}, n, 1e-6);
        assertEquals("f 1//1 5//5 2//2", lines.get(1 + 24));

        ByteArrayOutputStream points = new ByteArrayOutputStream();
        Obj.write(PointClouds.build(Scenes.plane(), Scenes.PINHOLE, Scenes.DEFAULTS_WITHOUT_NORMALS), points);
        List<String> plain = List.of(points.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(21, plain.size());
        assertEquals("v -0.8 -0.6 2.0", plain.get(1));
    }

    @Test
    void stlHasTheTrianglesAndTheirFacingNormals() throws IOException {
        Mesh mesh = Meshes.build(Scenes.plane(), Scenes.PINHOLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Stl.write(mesh, out);
        ByteBuffer stl = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(80 + 4 + 24 * 50, stl.capacity());
        String header = new String(out.toByteArray(), 0, 80, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("depthfm 3D: unit m; metric depth"), header);
        assertEquals(24, stl.getInt(80));
        stl.position(84);
        for (int t = 0; t < 24; t++) {
            // a plane at Z = 2 facing the camera: normal -Z, every corner at Z = 2
            assertArrayEquals(new float[] {0, 0, -1}, new float[] {stl.getFloat(), stl.getFloat(), stl.getFloat()}, 1e-6f);
            for (int c = 0; c < 3; c++) {
                stl.getFloat();
                stl.getFloat();
                assertEquals(2, stl.getFloat(), 0);
            }
            assertEquals(0, stl.getShort());
        }
        // the first triangle, (0,0) (0,1) (1,0) at X = (i - 2) * 0.4, Y = (j - 1.5) * 0.4
        stl.position(84 + 12);
        assertArrayEquals(new float[] {-0.8f, -0.6f, 2, -0.8f, -0.2f, 2, -0.4f, -0.6f, 2}, new float[] {stl.getFloat(),
            stl.getFloat(), stl.getFloat(), stl.getFloat(), stl.getFloat(), stl.getFloat(), stl.getFloat(),
            stl.getFloat(), stl.getFloat()}, 1e-6f);
    }

    @Test
    void atomicFileReplacesWholeOrNotAtAll(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("cloud.ply");
        AtomicFile.writeStream(target, out -> out.write("first".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("first", Files.readString(target));
        AtomicFile.writeStream(target, out -> out.write("second".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("second", Files.readString(target));
        IOException failure = assertThrows(IOException.class, () -> AtomicFile.writeStream(target, out -> {
            out.write("half".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("second", Files.readString(target));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left");
        }
        Mesh mesh = Meshes.build(Scenes.plane(), Scenes.PINHOLE);
        AtomicFile.writeStream(target, out -> Ply.write(mesh, out, PlyFormat.BINARY_LITTLE_ENDIAN));
        assertEquals(24, new PlyReader(Files.readAllBytes(target)).counts.get("face"));
    }

    @ParameterizedTest
    @EnumSource(PlyFormat.class)
    void aWholePlyPassesTheCheckAndACutOrGrownOneFails(PlyFormat format, @TempDir Path folder) throws IOException {
        Mesh mesh = Meshes.build(Scenes.tilted(), Scenes.MICROMETRES);
        Path file = folder.resolve("mesh.ply");
        try (var out = Files.newOutputStream(file)) {
            Ply.write(mesh, out, format);
        }
        assertNull(Ply.problem(file));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 20));
        assertNotNull(Ply.problem(file), "cut short");
        byte[] grown = java.util.Arrays.copyOf(whole, whole.length + 14);
        java.util.Arrays.fill(grown, whole.length, grown.length, (byte) '\n');
        Files.write(file, grown);
        assertNotNull(Ply.problem(file), "grown");
        Files.writeString(file, "solid x\nendsolid x\n");
        assertEquals("is not a PLY file (no ply ... end_header header)", Ply.problem(file));
    }
}
