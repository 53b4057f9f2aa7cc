package org.depthfm.ops.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.depthfm.base.AtomicFile;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Mesh;
import org.depthfm.ops.geometry.Meshes;
import org.depthfm.ops.geometry.PointClouds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our files as Open3D (an independent reader) sees them; skipped where {@code /usr/bin/python3}
 * cannot import open3d (Debian's python3-open3d). One Python run reads every file.
 */
class Open3dTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "import open3d as o3d",
            "out = {}",
            "for kind, path in zip(sys.argv[1::2], sys.argv[2::2]):",
            "    if kind == 'cloud':",
            "        g = o3d.io.read_point_cloud(path)",
            "        out[path] = {'points': len(g.points), 'first': list(g.points[0]),",
            "            'colour': list(g.colors[0]) if g.has_colors() else None,",
            "            'normal': list(g.normals[0]) if g.has_normals() else None}",
            "    else:",
            "        g = o3d.io.read_triangle_mesh(path)",
            "        out[path] = {'vertices': len(g.vertices), 'triangles': len(g.triangles),",
            "            'colour': list(g.vertex_colors[0]) if g.has_vertex_colors() else None,",
            "            'normal': list(g.vertex_normals[0]) if g.has_vertex_normals() else None}",
            "print('RESULT ' + json.dumps(out))");

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

    private static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = a.get(k).getAsDouble();
        }
        return v;
    }

    @Test
    void open3dReadsOurPlyStlAndObj(@TempDir Path folder) throws IOException, InterruptedException {
        assumeTrue(open3dImports(), "/usr/bin/python3 cannot import open3d");
        Path binary = folder.resolve("cloud.ply");
        Path ascii = folder.resolve("cloud-ascii.ply");
        Path meshPly = folder.resolve("mesh.ply");
        Path stl = folder.resolve("mesh.stl");
        Path obj = folder.resolve("mesh.obj");
        AtomicFile.writeStream(binary, out -> Ply.write(PointClouds.build(Scenes.tilted(), Scenes.MICROMETRES), out,
                PlyFormat.BINARY_LITTLE_ENDIAN));
        AtomicFile.writeStream(ascii, out -> Ply.write(PointClouds.build(Scenes.tilted(), Scenes.MICROMETRES), out,
                PlyFormat.ASCII));
        Mesh mesh = Meshes.build(Scenes.tilted(), Scenes.MICROMETRES,
                GeometryOptions.DEFAULTS.withMaxRelativeJump(Double.POSITIVE_INFINITY));
        AtomicFile.writeStream(meshPly, out -> Ply.write(mesh, out, PlyFormat.BINARY_LITTLE_ENDIAN));
        AtomicFile.writeStream(stl, out -> Stl.write(mesh, out));
        AtomicFile.writeStream(obj, out -> Obj.write(mesh, out));

        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", SCRIPT));
        for (Path p : List.of(binary, ascii)) {
            command.addAll(List.of("cloud", p.toString()));
        }
        for (Path p : List.of(meshPly, stl, obj)) {
            command.addAll(List.of("mesh", p.toString()));
        }
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, python.waitFor(120, TimeUnit.SECONDS) && python.exitValue() == 0, output);
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(
                () -> new AssertionError("no result from open3d: " + output));
        JsonObject result = JsonParser.parseString(line.substring("RESULT ".length())).getAsJsonObject();

        // point (0, 0): (0, 0, 1) µm, colour (0, 0, 200) / 255, normal (1, 1, -1) / sqrt 3
        double s = 1 / Math.sqrt(3);
        for (Path p : List.of(binary, ascii)) {
            JsonObject cloud = result.getAsJsonObject(p.toString());
            assertEquals(12, cloud.get("points").getAsInt(), p.toString());
            assertArrayEquals(new double[] {0, 0, 1}, doubles(cloud.getAsJsonArray("first")), 1e-6);
            assertArrayEquals(new double[] {0, 0, 200 / 255.0}, doubles(cloud.getAsJsonArray("colour")), 1e-6);
            assertArrayEquals(new double[] {s, s, -s}, doubles(cloud.getAsJsonArray("normal")), 1e-6);
        }
        JsonObject ply = result.getAsJsonObject(meshPly.toString());
        assertEquals(12, ply.get("vertices").getAsInt());
        assertEquals(12, ply.get("triangles").getAsInt());
        assertArrayEquals(new double[] {0, 0, 200 / 255.0}, doubles(ply.getAsJsonArray("colour")), 1e-6);
        assertArrayEquals(new double[] {s, s, -s}, doubles(ply.getAsJsonArray("normal")), 1e-6);
        assertEquals(12, result.getAsJsonObject(stl.toString()).get("triangles").getAsInt());
        JsonObject objMesh = result.getAsJsonObject(obj.toString());
        assertEquals(12, objMesh.get("triangles").getAsInt());
        assertArrayEquals(new double[] {0, 0, 200 / 255.0}, doubles(objMesh.getAsJsonArray("colour")), 1e-6);
    }
}
