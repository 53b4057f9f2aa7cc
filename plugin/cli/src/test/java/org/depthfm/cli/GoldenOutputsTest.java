package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depthfm.base.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end outputs of {@code estimate}, a folder batch, {@code complete} and {@code eval} on
 * the fixture model are byte for byte those of the code before the module move, but for the
 * provenance the TIFFs carry since (see {@code src/test/resources/golden/README.md}).
 */
class GoldenOutputsTest {
    /** The recorded inputs and outputs. */
    static final Path GOLDEN = Path.of("src/test/resources/golden").toAbsolutePath();

    @TempDir
    static Path tmp;
    private static Path in;

    @BeforeAll
    static void copyInputs() throws IOException {
        in = copy(GOLDEN.resolve("in"), tmp.resolve("in"));
    }

    /** Copies a folder tree, so that nothing is written beside the recorded files. */
    static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static void depthfm(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--model-dir";
        all[args.length + 1] = Fixtures.tiny().toString();
        CliTest.Result r = CliTest.run(all);
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void estimateOfAnImageWithKnownDepthsBesideIt() throws IOException {
        Path out = tmp.resolve("est.tif");
        depthfm("estimate", in.resolve("photos/a.png").toString(), "-o", out.toString(), "--steps", "2", "--ensemble",
                "2", "--uncertainty");
        GoldenFiles.assertSameTiff(GOLDEN.resolve("out/est.tif"), out, tmp);
        GoldenFiles.assertSameTiff(GOLDEN.resolve("out/est-uncertainty.tif"), tmp.resolve("est-uncertainty.tif"), tmp);
    }

    @Test
    void aFolderBatch() throws IOException {
        Path out = tmp.resolve("batch");
        Path summary = tmp.resolve("batch-summary.csv");
        depthfm("estimate", in.resolve("photos").toString(), "-o", out.toString(), "--steps", "1", "--ensemble", "2",
                "--members", "--summary", summary.toString());
        for (String f : new String[] {"a-completed.tif", "b-depth.tif", "b-members.tif"}) {
            GoldenFiles.assertSameTiff(GOLDEN.resolve("out/batch").resolve(f), out.resolve(f), tmp);
        }
        assertEquals(GoldenFiles.rows(GOLDEN.resolve("out/batch-summary.csv")), GoldenFiles.rows(summary));
    }

    @Test
    void completeAndEvaluate() throws IOException {
        Path comp = tmp.resolve("comp.tif");
        Path residuals = tmp.resolve("comp-residuals.csv");
        depthfm("complete", in.resolve("photos/b.png").toString(), "--points", in.resolve("pts.csv").toString(), "-o",
                comp.toString(), "--steps", "1", "--ensemble", "2", "--residuals", residuals.toString());
        GoldenFiles.assertSameTiff(GOLDEN.resolve("out/comp.tif"), comp, tmp);
        assertEquals(Files.readString(GOLDEN.resolve("out/comp-residuals.csv")), Files.readString(residuals));
        CliTest.Result r = CliTest.run("eval", "--pred", GOLDEN.resolve("out/est.tif").toString(), "--gt",
                GOLDEN.resolve("out/comp.tif").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(GOLDEN.resolve("out/eval.json")).trim(), r.out().trim());
    }
}
