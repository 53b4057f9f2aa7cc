package org.depthfm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depthfm.base.Fixtures;
import org.depthfm.cli.DepthFmCli;
import org.depthfm.cli.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depthfm spark} on the fixture model writes byte for byte what the code before the module
^ * move wrote (the recorded outputs of plugin/cli's {@code src/test/resources/golden}, see its README).
 * It runs in a JVM of its own (spark/pom.xml): libtorch's thread count, set when it starts, decides
 * the last bits of the floats, and the recorded run started it for one task CPU.
 */
class GoldenSparkTest {
    private static final Path GOLDEN = Path.of("../plugin/cli/src/test/resources/golden").toAbsolutePath().normalize();

    @Test
    void aSparkBatchWritesTheRecordedFiles(@TempDir Path tmp) throws IOException {
        Path photos = tmp.resolve("photos");
        Files.createDirectories(photos);
        for (String f : new String[] {"a.png", "a.points.csv", "b.png"}) {
            Files.copy(GOLDEN.resolve("in/photos").resolve(f), photos.resolve(f));
        }
        Path out = tmp.resolve("spark");
        StringWriter err = new StringWriter();
        int code = DepthFmCli.run(new String[] {"spark", photos.toString(), "-o", out.toString(), "--model-dir",
            Fixtures.tiny().toString(), "--steps", "1", "--ensemble", "2", "--master", "local[1]"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        for (String f : new String[] {"a-completed.tif", "b-depth.tif"}) {
            GoldenFiles.assertSameTiff(GOLDEN.resolve("out/spark").resolve(f), out.resolve(f), tmp);
        }
        assertEquals(GoldenFiles.rows(GOLDEN.resolve("out/spark/depthfm-summary.csv")),
                GoldenFiles.rows(out.resolve("depthfm-summary.csv")));
    }
}
