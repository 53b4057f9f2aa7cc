package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.depthfm.base.Fixtures;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.pipeline.SyntheticDepth;
import org.depthfm.batch.ItemSeed;
import org.depthfm.imagej.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depthfm complete} on the tiny fixture model. */
class CompleteCommandTest {
    private static final Path IMAGE = Fixtures.tiny().resolve("input.png");

    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("complete"));
        all.addAll(List.of(args));
        all.addAll(List.of("--model-dir", Fixtures.tiny().toString(), "--steps", "1", "--ensemble", "2", "--device",
                "cpu", "--precision", "fp32"));
        int code = DepthFmCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path csv(KnownPoints p) throws IOException {
        List<String> lines = new ArrayList<>(List.of("x,y,depth"));
        for (int i = 0; i < p.size(); i++) {
            lines.add(String.format(Locale.ROOT, "%d,%d,%s", p.x()[i], p.y()[i], p.depth()[i]));
        }
        return Files.write(tmp.resolve("points.csv"), lines);
    }

    @Test
    void pointsGiveTheDepthTheUncertaintyAndTheResidualsAsFiles() throws IOException {
        KnownPoints points = SyntheticDepth.sample(SyntheticDepth.scene(64, 48), 40, 9);
        Path out = tmp.resolve("out.tif");
        Path residuals = tmp.resolve("residuals.csv");
        Outcome o = run(IMAGE.toString(), "--points", csv(points).toString(), "-o", out.toString(), "--held-out", "0.25",
                "--uncertainty", "--residuals", residuals.toString(), "--unit", "m");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("at the points: RMSE") && o.out().contains("at 10 held-out points"), o.out());
        ImagePlus depth = IJ.openImage(out.toString());
        assertEquals(64, depth.getWidth());
        assertEquals(ImagePlus.GRAY32, depth.getType());
        assertEquals("m", depth.getCalibration().getValueUnit());
        assertTrue(Files.exists(tmp.resolve("out-uncertainty.tif")));
        List<String> lines = Files.readAllLines(residuals);
        assertEquals("x,y,depth,completed,residual,set", lines.get(0));
        assertEquals(41, lines.size());
        assertEquals(10, lines.stream().filter(l -> l.endsWith(",held-out")).count());
    }

    @Test
    void badSparseDepthIsOneLineAndWritesNothing() throws IOException {
        FloatProcessor fp = new FloatProcessor(64, 48);
        fp.setf(1, 1, 2);
        fp.setf(5, 7, -3);
        Path sparse = tmp.resolve("sparse.tif");
        ImageFiles.saveTiff(new ImagePlus("sparse", fp), sparse);
        Path out = tmp.resolve("out.tif");
        Outcome o = run(IMAGE.toString(), "--sparse", sparse.toString(), "-o", out.toString());
        assertEquals(1, o.code());
        assertEquals("depthfm: the sparse depth is -3.0 at pixel (5, 7): depths must be above 0, with 0 or NaN where"
                + " unknown", o.err().strip());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only the sparse input is there");
        }
    }

    @Test
    void theSourceMustBeOneAndTheOutputATiff() throws IOException {
        Path points = csv(SyntheticDepth.sample(SyntheticDepth.scene(64, 48), 5, 1));
        Outcome both = run(IMAGE.toString(), "--points", points.toString(), "--sparse", points.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        Outcome png = run(IMAGE.toString(), "--points", points.toString(), "-o", tmp.resolve("out.png").toString());
        assertEquals(1, png.code());
        assertTrue(png.err().contains("must be a .tif file"), png.err());
    }

    /**
     * A folder batch completes each image whose known depths lie beside it, exactly as 'complete'
     * does with the file's seed; the known-depth files are not inputs; a bad one fails its image only.
     */
    @Test
    void aFolderBatchCompletesImagesWithKnownDepthsAsCompleteDoes() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        for (String name : List.of("a.png", "b.png", "c.png")) {
            Files.copy(IMAGE, folder.resolve(name));
        }
        KnownPoints points = SyntheticDepth.sample(SyntheticDepth.scene(64, 48), 30, 4);
        Files.move(csv(points), folder.resolve("a.points.csv"));
        FloatProcessor sparse = new FloatProcessor(64, 48);
        for (int i = 0; i < points.size(); i++) {
            sparse.setf(points.x()[i], points.y()[i], (float) points.depth()[i]);
        }
        ImagePlus sparseImage = new ImagePlus("c.sparse", sparse);
        sparseImage.getCalibration().setValueUnit("mm");
        ImageFiles.saveTiff(sparseImage, folder.resolve("b.sparse.tif"));
        Files.writeString(folder.resolve("c.points.csv"), "x,y,depth\n500,3,2.0\n");
        Path out = tmp.resolve("batch");

        StringWriter log = new StringWriter();
        int code = DepthFmCli.run(new String[] {"estimate", folder.toString(), "-o", out.toString(), "--uncertainty",
            "--members", "--model-dir", Fixtures.tiny().toString(), "--steps", "1", "--ensemble", "2", "--device", "cpu",
            "--precision", "fp32"}, new PrintWriter(log, true), new PrintWriter(log, true));

        assertEquals(1, code, log.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("a-completed.tif", "a-uncertainty.tif", "b-completed.tif", "b-uncertainty.tif",
                    "depthfm-summary.csv"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertTrue(log.toString().contains("failed  c.png: the known depths c.points.csv: "), log.toString());
        assertTrue(log.toString().contains("2 done, 0 skipped, 1 failed"), log.toString());
        assertEquals("mm", IJ.openImage(out.resolve("b-completed.tif").toString()).getCalibration().getValueUnit());

        Path single = tmp.resolve("single.tif");
        Outcome o = run(folder.resolve("a.png").toString(), "--points", folder.resolve("a.points.csv").toString(), "-o",
                single.toString(), "--uncertainty", "--seed", Long.toString(ItemSeed.of(0, "a.png")));
        assertEquals(0, o.code(), o.err());
        assertEquals(-1, Files.mismatch(single, out.resolve("a-completed.tif")), "the completed depth");
        assertEquals(-1, Files.mismatch(tmp.resolve("single-uncertainty.tif"), out.resolve("a-uncertainty.tif")));
    }
}
