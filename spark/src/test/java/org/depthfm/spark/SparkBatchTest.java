package org.depthfm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.depthfm.base.Fixtures;
import org.depthfm.cli.DepthFmCli;
import org.depthfm.imagej.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark job on this machine gives exactly the files of {@code depthfm estimate}: the same outputs
 * in the same layout with the same pixels (an image with known depths beside it completed), however the batch is split (local[2], a local file
 * system or a staged one, estimate's --shard), and the same summary rows; a broken file is retried,
 * reported, and the job goes on.
 */
class SparkBatchTest {
    /** Small settings that still exercise every output: two members, uncertainty, a stack aligned over time. */
    private static final List<String> OPTIONS = List.of("--steps", "1", "--ensemble", "2", "--uncertainty", "--temporal",
            "--recursive");
    private static final List<String> TINY = List.of("--model-dir", Fixtures.tiny().toString());

    @TempDir
    static Path tmp;

    private static Path photos;
    private static Path reference;

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void referenceRunOfEstimate() throws IOException {
        photos = Files.createDirectories(tmp.resolve("photos"));
        ImagePlus picture = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        Files.copy(Fixtures.tiny().resolve("input.png"), photos.resolve("a.png"));
        ImageProcessor flipped = picture.getProcessor().duplicate();
        flipped.flipHorizontal();
        new FileSaver(new ImagePlus("b", flipped)).saveAsPng(photos.resolve("b.png").toString());
        // known depths beside b: it is completed instead of estimated
        Files.writeString(photos.resolve("b.points.csv"), "x,y,depth\n3,4,2.5\n60,5,4.0\n10,40,1.5\n33,20,3.0\n"
                + "50,44,2.0\n20,10,3.5\n");
        Files.createDirectories(photos.resolve("day 2"));
        ImageStack frames = new ImageStack(picture.getWidth(), picture.getHeight());
        frames.addSlice(picture.getProcessor());
        frames.addSlice(flipped);
        ImageFiles.saveTiff(new ImagePlus("clip", frames), photos.resolve("day 2/clip.tif"));
        Files.writeString(photos.resolve("day 2/broken.png"), "not an image");
        reference = tmp.resolve("estimate");
        assertEquals(1, depthfm("estimate", photos, reference, TINY).code(), "the broken file fails");
    }

    static Result depthfm(String command, Object input, Object output, List<String> model, String... more) {
        List<String> args = new ArrayList<>(List.of(command, input.toString(), "-o", output.toString()));
        args.addAll(OPTIONS);
        args.addAll(model);
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DepthFmCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void local2WritesEstimatesFilesPixelForPixelAndItsSummary() throws IOException {
        Path out = tmp.resolve("spark-local2");
        Result r = depthfm("spark", photos, out, TINY, "--master", "local[2]");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("failed  day 2/broken.png: cannot read ") && r.out().contains("(2 attempts)"), r.out());
        assertTrue(r.out().contains("3 done, 0 skipped, 1 failed in "), r.out());
        assertSameOutputs(reference, out);
        assertEquals(summary(reference, reference), summary(out, out), "the summary rows, but for the seconds");

        Result again = depthfm("spark", photos, out, TINY, "--master", "local[2]", "--retries", "0");
        assertTrue(again.out().contains("0 done, 3 skipped, 1 failed"), again.out());
        assertTrue(again.out().contains("(1 attempt)"), again.out());
    }

    @Test
    void estimatesShardsTogetherWriteTheUnshardedFiles() throws IOException {
        Path out = tmp.resolve("estimate-shards");
        depthfm("estimate", photos, out, TINY, "--shard", "1/2", "--summary", tmp.resolve("shard1.csv").toString());
        depthfm("estimate", photos, out, TINY, "--shard", "2/2", "--summary", tmp.resolve("shard2.csv").toString());
        assertSameOutputs(reference, out);
    }

    @Test
    void anotherFileSystemIsStagedAndGivesTheSameFiles() throws IOException {
        System.setProperty("spark.hadoop.fs." + StagedLocalFileSystem.SCHEME + ".impl", StagedLocalFileSystem.class.getName());
        try {
            Path out = tmp.resolve("spark-staged");
            String scheme = StagedLocalFileSystem.SCHEME + "://";
            Result r = depthfm("spark", scheme + photos, scheme + out, TINY, "--master", "local[1]");
            assertTrue(r.out().contains("3 done, 0 skipped, 1 failed in "), r.out() + r.err());
            assertSameOutputs(reference, out);
            List<String> rows = Files.readAllLines(out.resolve("depthfm-summary.csv"));
            assertTrue(rows.get(1).startsWith("a.png,done,") && rows.get(1).contains(",staged:" + out + "/a-depth.tif,"),
                    rows.get(1));
        } finally {
            System.clearProperty("spark.hadoop.fs." + StagedLocalFileSystem.SCHEME + ".impl");
        }
    }

    @Test
    void collidingStemsGetTheirOwnOutputsAndADamagedOutputIsRedoneOnAStagedFileSystem() throws IOException {
        Path scenes = Files.createDirectories(tmp.resolve("scenes"));
        Files.copy(photos.resolve("a.png"), scenes.resolve("scene.png"));
        ImagePlus flipped = IJ.openImage(photos.resolve("b.png").toString());
        ImageFiles.saveTiff(flipped, scenes.resolve("scene.tif"));
        Path expected = tmp.resolve("scenes-estimate");
        assertEquals(0, depthfm("estimate", scenes, expected, TINY).code());
        List<String> names = List.of("scene.png-depth.tif", "scene.png-uncertainty.tif", "scene.tif-depth.tif",
                "scene.tif-uncertainty.tif");
        assertEquals(names, outputs(expected));
        System.setProperty("spark.hadoop.fs." + StagedLocalFileSystem.SCHEME + ".impl", StagedLocalFileSystem.class.getName());
        try {
            Path out = tmp.resolve("scenes-spark");
            String scheme = StagedLocalFileSystem.SCHEME + "://";
            Result r = depthfm("spark", scheme + scenes, scheme + out, TINY, "--master", "local[1]");
            assertEquals(0, r.code(), r.out() + r.err());
            assertEquals(names, outputs(out));
            for (String f : names) {
                assertEquals(-1, Files.mismatch(expected.resolve(f), out.resolve(f)), f + " differs");
            }
            // a half-written output (a third of it) and one with two planes for a one-frame image: both files are redone
            Path depth = out.resolve("scene.tif-depth.tif");
            byte[] whole = Files.readAllBytes(depth);
            Files.write(depth, java.util.Arrays.copyOf(whole, whole.length / 3));
            Files.copy(reference.resolve("day 2/clip-depth.tif"), out.resolve("scene.png-uncertainty.tif"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Result again = depthfm("spark", scheme + scenes, scheme + out, TINY, "--master", "local[1]");
            assertTrue(again.out().contains("2 done, 0 skipped, 0 failed"), again.out() + again.err());
            assertTrue(again.out().contains("done    scene.tif (redone: scene.tif-depth.tif was damaged or half-written)"), again.out());
            assertTrue(again.out().contains("done    scene.png (redone: scene.png-uncertainty.tif had 2 plane(s), not 1)"), again.out());
            for (String f : names) {
                assertEquals(-1, Files.mismatch(expected.resolve(f), out.resolve(f)), f + " differs after the rerun");
            }
            Result third = depthfm("spark", scheme + scenes, scheme + out, TINY, "--master", "local[1]");
            assertTrue(third.out().contains("0 done, 2 skipped, 0 failed"), third.out() + third.err());
        } finally {
            System.clearProperty("spark.hadoop.fs." + StagedLocalFileSystem.SCHEME + ".impl");
        }
    }

    @Test
    void threeDFilesOnAStagedFileSystemAreEstimatesAndAreReusedWhenWhole() throws IOException {
        Path expected = tmp.resolve("estimate-3d");
        assertEquals(1, depthfm("estimate", photos, expected, TINY, "--mesh", "--normals").code());
        List<String> threeD = List.of("a-depth-mesh.ply", "a-depth-normals.png", "b-completed-mesh.ply",
                "b-completed-normals.png", "day 2/clip-depth-mesh-0001.ply", "day 2/clip-depth-mesh-0002.ply",
                "day 2/clip-depth-normals-0001.png", "day 2/clip-depth-normals-0002.png");
        assertTrue(written(expected).containsAll(threeD), written(expected).toString());
        System.setProperty("spark.hadoop.fs." + StagedLocalFileSystem.SCHEME + ".impl", StagedLocalFileSystem.class.getName());
        try {
            Path out = tmp.resolve("spark-3d");
            String scheme = StagedLocalFileSystem.SCHEME + "://";
            Result r = depthfm("spark", scheme + photos, scheme + out, TINY, "--master", "local[1]", "--mesh", "--normals");
            assertTrue(r.out().contains("3 done, 0 skipped, 1 failed in "), r.out() + r.err());
            assertEquals(written(expected), written(out));
            for (String f : threeD) {
                assertEquals(-1, Files.mismatch(expected.resolve(f), out.resolve(f)), f + " differs");
            }
            Path mesh = out.resolve("day 2/clip-depth-mesh-0002.ply");
            byte[] whole = Files.readAllBytes(mesh);
            Files.write(mesh, java.util.Arrays.copyOf(whole, whole.length - 1));
            Result again = depthfm("spark", scheme + photos, scheme + out, TINY, "--master", "local[1]", "--mesh",
                    "--normals");
            assertTrue(again.out().contains("1 done, 2 skipped, 1 failed"), again.out() + again.err());
            assertTrue(again.out().contains("redone: clip-depth-mesh-0002.ply has "), again.out());
            assertEquals(-1, Files.mismatch(expected.resolve("day 2/clip-depth-mesh-0002.ply"), mesh));
        } finally {
            System.clearProperty("spark.hadoop.fs." + StagedLocalFileSystem.SCHEME + ".impl");
        }
    }

    @Test
    void aModelThatCannotLoadStopsTheJobInOneLine() {
        Path missing = tmp.resolve("no-model");
        Result r = depthfm("spark", photos, tmp.resolve("spark-no-model"), List.of("--model-dir", missing.toString()),
                "--master", "local[1]");
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("depthfm: ")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("depthfm: the Spark job stopped: ") && lines.get(0).contains(missing.toString()),
                lines.get(0));
    }

    /** Same files under both folders (the summary aside), with the same bytes: header, pixels and all. */
    private static void assertSameOutputs(Path expected, Path actual) throws IOException {
        List<String> files = outputs(expected);
        assertEquals(List.of("a-depth.tif", "a-uncertainty.tif", "b-completed.tif", "b-uncertainty.tif",
                "day 2/clip-depth.tif", "day 2/clip-uncertainty.tif"), files);
        assertEquals(files, outputs(actual));
        for (String f : files) {
            assertEquals(-1, Files.mismatch(expected.resolve(f), actual.resolve(f)), f + " differs");
        }
        assertEquals(2, IJ.openImage(actual.resolve("day 2/clip-depth.tif").toString()).getStackSize(), "the stack stays whole");
    }

    private static List<String> outputs(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(f -> f.endsWith(".tif")).sorted().toList();
        }
    }

    /** Every file written under a folder but the summary (hidden lock and temporary files aside). */
    private static List<String> written(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> root.relativize(p).toString()).filter(f -> !f.equals("depthfm-summary.csv")).sorted()
                    .toList();
        }
    }

    /** The summary's rows without their seconds, the output folder written as OUT. */
    private static List<String> summary(Path folder, Path outputRoot) throws IOException {
        return Files.readAllLines(folder.resolve("depthfm-summary.csv")).stream()
                .map(row -> row.replaceFirst("^([^,]*,[^,]*,)[0-9.]+,", "$1S,").replace(outputRoot.toString(), "OUT"))
                .toList();
    }
}
