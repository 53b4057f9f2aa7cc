package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.depthfm.base.Fixtures;
import org.depthfm.cli.CliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code estimate --ply / --mesh / --normals}: 3D files beside each depth map, for images, stacks and folders. */
class EstimateSurfacesTest {
    private static final String MODEL = Fixtures.tiny().toString();

    /** The header's vertex count and the z column of a binary PLY of x, y, z, nx, ny, nz, red, green, blue. */
    private record Points(int count, float[] z) {
        static Points read(Path file) throws Exception {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int body = text.indexOf("end_header\n") + "end_header\n".length();
            String header = text.substring(0, body);
            assertTrue(header.contains("format binary_little_endian 1.0\n") && header.contains("property float nz\n")
                    && header.contains("property uchar blue\n"), header);
            int n = Integer.parseInt(header.replaceAll("(?s).*element vertex (\\d+).*", "$1"));
            ByteBuffer b = ByteBuffer.wrap(bytes, body, bytes.length - body).order(ByteOrder.LITTLE_ENDIAN);
            float[] z = new float[n];
            for (int i = 0; i < n; i++) {
                z[i] = b.getFloat(body + 27 * i + 8);
            }
            return new Points(n, z);
        }
    }

    @Test
    void anImageGetsPointsMeshAndNormalsThatARerunReusesUnlessDamaged(@TempDir Path tmp) throws Exception {
        Path in = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("pic.png"));
        String[] args = {"estimate", in.toString(), "--model-dir", MODEL, "--steps", "1", "--ply", "--mesh", "--normals"};
        Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("camera: relative"), r.out());
        // relative depth: every pixel is a point, and the depth range spans half the width (64 px), as documented
        Points points = Points.read(tmp.resolve("pic-depth-points.ply"));
        assertEquals(64 * 48, points.count());
        float[] z = points.z().clone();
        Arrays.sort(z);
        assertEquals(32, z[z.length - 1] - z[0], 1e-3);
        String mesh = Files.readString(tmp.resolve("pic-depth-mesh.ply"), StandardCharsets.ISO_8859_1);
        assertTrue(mesh.contains("element face "), "a mesh has faces");
        ImagePlus normals = IJ.openImage(tmp.resolve("pic-depth-normals.png").toString());
        assertEquals(ImagePlus.COLOR_RGB, normals.getType());
        assertEquals(64, normals.getWidth());
        assertEquals(48, normals.getHeight());

        Result again = CliTest.run(args);
        assertTrue(again.out().startsWith("skipped"), again.out());
        Path meshFile = tmp.resolve("pic-depth-mesh.ply");
        byte[] whole = Files.readAllBytes(meshFile);
        Files.write(meshFile, Arrays.copyOf(whole, whole.length / 2));
        Files.delete(tmp.resolve("pic-depth-normals.png"));
        // made again from the complete depth map: no model is needed (this one does not exist)
        String[] noModel = args.clone();
        noModel[3] = tmp.resolve("no-model").toString();
        Result redone = CliTest.run(noModel);
        assertEquals(0, redone.code(), redone.out() + redone.err());
        assertTrue(redone.out().startsWith("done") && redone.out().contains("redone: pic-depth-mesh.ply has ")
                && redone.out().contains("(from the existing depth)"), redone.out());
        assertTrue(Files.exists(tmp.resolve("pic-depth-normals.png")));
        assertEquals(whole.length, Files.size(meshFile));
    }

    @Test
    void aStackGetsOneFilePerPlaneAndAFolderOnePerImage(@TempDir Path tmp) throws Exception {
        ImagePlus rgb = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        ImageStack stack = new ImageStack(rgb.getWidth(), rgb.getHeight());
        for (int i = 0; i < 3; i++) {
            stack.addSlice(rgb.getProcessor().duplicate());
        }
        Path dir = Files.createDirectories(tmp.resolve("in"));
        new FileSaver(new ImagePlus("stack", stack)).saveAsTiffStack(dir.resolve("stack.tif").toString());
        Files.copy(Fixtures.tiny().resolve("input.png"), dir.resolve("one.png"));
        Path out = Files.createDirectories(tmp.resolve("in-depth"));
        // what a run killed while writing plane 2's mesh left behind; another output's is not ours to remove
        Path stale = Files.writeString(out.resolve(".stack-depth-mesh-0002.ply.1a2b3c.part"), "half");
        Path foreign = Files.writeString(out.resolve(".stack-depth-meshes.ply.1a2b3c.part"), "not ours");
        Result r = CliTest.run("estimate", dir.toString(), "--model-dir", MODEL, "--steps", "1", "--mesh");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(Files.exists(stale), "the stale temporary file is removed");
        assertTrue(Files.exists(foreign));
        for (String name : new String[] {"stack-depth-mesh-0001.ply", "stack-depth-mesh-0002.ply",
                "stack-depth-mesh-0003.ply", "one-depth-mesh.ply"}) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name + " in " + r.out());
        }
        assertFalse(Files.exists(out.resolve("stack-depth-mesh.ply")));
        assertFalse(Files.exists(out.resolve("one-depth-points.ply")), "only what was asked for");
    }

    @Test
    void completedDepthInMetresGoesThroughAPinholeWithTheDefaultFieldOfViewSaidSo(@TempDir Path tmp) throws Exception {
        Path in = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("room.png"));
        Files.writeString(tmp.resolve("room.points.csv"), "x,y,depth\n5,5,2.0\n60,40,4.0\n30,20,3.0\n10,40,2.5\n");
        // a CSV says no unit: the user gives it
        Result r = CliTest.run("estimate", in.toString(), "--model-dir", MODEL, "--steps", "1", "--ply",
                "--depth-unit", "m");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("camera: pinhole") && r.out().contains("default horizontal field of view"),
                r.out());
        String header = Files.readString(tmp.resolve("room-completed-points.ply"), StandardCharsets.ISO_8859_1);
        assertFalse(header.substring(0, header.indexOf("end_header")).contains("relative depth"), "metric: " + header);
    }

    @Test
    void threeDOptionsWithoutA3DOutputOrTheirMapAreOneLineErrors(@TempDir Path tmp) throws Exception {
        Path in = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("pic.png"));
        Result stray = CliTest.run("estimate", in.toString(), "--model-dir", MODEL, "--camera", "pinhole");
        assertEquals(1, stray.code(), stray.err());
        assertTrue(stray.err().contains("--camera shapes 3D outputs: add --ply, --mesh or --normals"), stray.err());
        Result threshold = CliTest.run("estimate", in.toString(), "--model-dir", MODEL, "--ply", "--max-uncertainty",
                "0.1");
        assertEquals(1, threshold.code(), threshold.err());
        assertTrue(threshold.err().contains("--max-uncertainty needs the uncertainty: add --uncertainty"),
                threshold.err());
        assertFalse(Files.exists(tmp.resolve("pic-depth.tif")), "nothing ran");
    }

    @Test
    void aNormalMapThatWouldReplaceAnInputIsRefusedBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
        Path in = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("x.png"));
        Path other = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("x-depth-normals.png"));
        byte[] before = Files.readAllBytes(other);
        Result r = CliTest.run("estimate", in.toString(), other.toString(), "--model-dir", MODEL, "--normals");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("the 3D output x-depth-normals.png of " + in + " would replace the input " + other),
                r.err());
        assertTrue(Arrays.equals(before, Files.readAllBytes(other)));
        assertFalse(Files.exists(tmp.resolve("x-depth.tif")), "nothing ran");
        Result points = CliTest.run("estimate", in.toString(), other.toString(), "--model-dir", MODEL, "--steps", "1",
                "--ply");
        assertEquals(0, points.code(), "without --normals nothing is replaced: " + points.err());
    }

    @Test
    void anImageNamedLikeAKindGetsTheKindAskedFor(@TempDir Path tmp) throws Exception {
        Path in = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("my-mesh.png"));
        Result r = CliTest.run("estimate", in.toString(), "--model-dir", MODEL, "--steps", "1", "--ply");
        assertEquals(0, r.code(), r.out() + r.err());
        String points = Files.readString(tmp.resolve("my-mesh-depth-points.ply"), StandardCharsets.ISO_8859_1);
        assertFalse(points.substring(0, points.indexOf("end_header")).contains("element face"), "points, not a mesh");
        assertEquals(64 * 48, Points.read(tmp.resolve("my-mesh-depth-points.ply")).count());
    }
}
