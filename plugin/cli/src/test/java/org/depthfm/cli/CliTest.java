package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.depthfm.base.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: help, version, one-line errors, outputs on disk. */
class CliTest {
    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DepthFmCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertOneLineError(Result r, int code, String expected) {
        assertEquals(code, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.get(0).startsWith("depthfm: ") && lines.get(0).contains(expected), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "a stack trace was printed: " + r.err());
    }

    @Test
    void versionNamesTheBuild() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("depthfm \\d+\\.\\d+\\.\\d+.*\\s*"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"estimate", "spark", "models", "info", "selftest", "bench"})
    void everyCommandHasHelp(String command) {
        Result r = run(command, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Usage: depthfm " + command), r.out());
    }

    @Test
    void anUnknownOptionIsOneLineAndExit2() {
        assertOneLineError(run("estimate", "--bogus", "x.png"), 2, "Unknown option: '--bogus'");
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path tmp) {
        assertOneLineError(run("estimate", tmp.resolve("nope.png").toString(), "--model-dir", Fixtures.tiny().toString()),
                1, "no such file");
    }

    @Test
    void aFileWhereAFolderIsExpectedIsOneLine() {
        assertOneLineError(run("selftest", Fixtures.tiny().resolve("input.png").toString()), 1, "is a file");
        assertOneLineError(run("estimate", Fixtures.tiny().resolve("input.png").toString(), "--model-dir",
                Fixtures.tiny().resolve("unet.ckpt").toString()), 1, "is a file");
    }

    @Test
    void sparkWithoutTheSparkModuleIsOneLine() {
        assertOneLineError(run("spark", Fixtures.tiny().toString()), 1, "Spark is not on the class path");
    }

    @Test
    void debugAddsTheStackTrace(@TempDir Path tmp) {
        Result r = run("--debug", "estimate", tmp.resolve("nope.png").toString(), "--model-dir", Fixtures.tiny().toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void estimateWritesA32BitDepthMapOfTheInputSize(@TempDir Path tmp) throws Exception {
        Path in = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("pic.png"));
        Path out = tmp.resolve("out.tif");
        Result r = run("estimate", in.toString(), "-o", out.toString(), "--model-dir", Fixtures.tiny().toString(),
                "--steps", "1", "--ensemble", "2", "--uncertainty");
        assertEquals(0, r.code(), r.err());
        ImagePlus depth = IJ.openImage(out.toString());
        assertEquals(ImagePlus.GRAY32, depth.getType());
        assertEquals(64, depth.getWidth());
        assertEquals(48, depth.getHeight());
        assertTrue(Files.exists(tmp.resolve("out-uncertainty.tif")));
        Result again = run("estimate", in.toString(), "-o", out.toString(), "--model-dir", Fixtures.tiny().toString(),
                "--steps", "1", "--ensemble", "2", "--uncertainty");
        assertTrue(again.out().startsWith("skipped"), again.out());
    }

    @Test
    void sixteenBitGrayTiffAndJpegInputsWork(@TempDir Path tmp) throws Exception {
        ImagePlus rgb = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        ij.process.ImageProcessor shorts = rgb.getProcessor().convertToShortProcessor(false);
        shorts.multiply(200);
        ImagePlus gray16 = new ImagePlus("gray16", shorts);
        Path tif = tmp.resolve("gray16.tif");
        new ij.io.FileSaver(gray16).saveAsTiff(tif.toString());
        Path jpg = tmp.resolve("photo.jpg");
        new ij.io.FileSaver(rgb).saveAsJpeg(jpg.toString());
        for (Path in : new Path[] {tif, jpg}) {
            Result r = run("estimate", in.toString(), "--model-dir", Fixtures.tiny().toString(), "--steps", "1",
                    "--ensemble", "1");
            assertEquals(0, r.code(), in + ": " + r.err());
            ImagePlus depth = IJ.openImage(tmp.resolve(in.getFileName().toString().replaceAll("\\..*", "") + "-depth.tif")
                    .toString());
            assertEquals(rgb.getWidth(), depth.getWidth(), in.toString());
            assertEquals(ImagePlus.GRAY32, depth.getType());
        }
    }

    @Test
    void aFolderBatchGoesOnPastABrokenFileAndWritesASummary(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(Fixtures.tiny().resolve("input.png"), dir.resolve("a.png"));
        Files.writeString(dir.resolve("b.png"), "not an image");
        Result r = run("estimate", dir.toString(), "--model-dir", Fixtures.tiny().toString(), "--steps", "1",
                "--ensemble", "1");
        assertEquals(1, r.code(), r.out() + r.err());
        Path outDir = tmp.resolve("photos-depth");
        assertTrue(Files.exists(outDir.resolve("a-depth.tif")));
        assertFalse(Files.exists(outDir.resolve("b-depth.tif")));
        List<String> csv = Files.readAllLines(outDir.resolve("depthfm-summary.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("a.png,done,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("b.png,failed,") && csv.get(2).contains("cannot read"), csv.get(2));
    }
}
