package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depthfm eval} on depth maps whose metrics are known by construction. */
class EvalCommandTest {
    /** A depth ramp from 1 to 5 (metres), 32 x 24. */
    private static FloatProcessor truth() {
        FloatProcessor fp = new FloatProcessor(32, 24);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                fp.setf(x, y, 1 + 4f * (x + 32 * y) / (32 * 24 - 1));
            }
        }
        return fp;
    }

    private static Path save(FloatProcessor fp, Path file) {
        new FileSaver(new ImagePlus(file.getFileName().toString(), fp)).saveAsTiff(file.toString());
        return file;
    }

    @Test
    void anAffineMapOfTheTruthHasNoErrorAfterScaleAndShift(@TempDir Path tmp) {
        FloatProcessor gt = truth();
        FloatProcessor pred = (FloatProcessor) gt.duplicate();
        pred.multiply(0.25);
        pred.add(3);
        CliTest.Result r = CliTest.run("eval", "--pred", save(pred, tmp.resolve("p.tif")).toString(), "--gt",
                save(gt, tmp.resolve("g.tif")).toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(0, o.get("abs_rel").getAsDouble(), 1e-6);
        assertEquals(0, o.get("rmse").getAsDouble(), 1e-5);
        assertEquals(1, o.get("delta1").getAsDouble(), 0);
        assertEquals(32 * 24, o.get("n_valid").getAsLong());
        assertEquals(4, o.get("scale").getAsDouble(), 1e-5);
        assertEquals(-12, o.get("shift").getAsDouble(), 1e-4);
        for (String key : new String[] {"sq_rel", "rmse_log", "delta2", "delta3"}) {
            assertTrue(o.has(key), key);
        }
    }

    @Test
    void withoutAlignmentTheErrorsAreTheHandComputedOnes(@TempDir Path tmp) {
        FloatProcessor gt = new FloatProcessor(2, 1, new float[] {1, 2});
        FloatProcessor pred = new FloatProcessor(2, 1, new float[] {2, 2});
        CliTest.Result r = CliTest.run("eval", "--pred", save(pred, tmp.resolve("p.tif")).toString(), "--gt",
                save(gt, tmp.resolve("g.tif")).toString(), "--align", "none", "--json");
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        // |1-2|/1 and 0 -> AbsRel 0.5; SqRel (1/1 + 0)/2 = 0.5; RMSE sqrt(1/2); delta1: 2/1 = 2 fails, 1 passes
        assertEquals(0.5, o.get("abs_rel").getAsDouble(), 1e-9);
        assertEquals(0.5, o.get("sq_rel").getAsDouble(), 1e-9);
        assertEquals(Math.sqrt(0.5), o.get("rmse").getAsDouble(), 1e-9);
        assertEquals(Math.sqrt(Math.pow(Math.log(2), 2) / 2), o.get("rmse_log").getAsDouble(), 1e-7);
        assertEquals(0.5, o.get("delta1").getAsDouble(), 0);
        assertTrue(o.get("scale").isJsonNull());
    }

    @Test
    void foldersArePairedByNameWithAMeanRow(@TempDir Path tmp) throws Exception {
        Path p = Files.createDirectories(tmp.resolve("pred"));
        Path g = Files.createDirectories(tmp.resolve("gt"));
        FloatProcessor gt = truth();
        save(gt, g.resolve("a.tif"));
        save(gt, g.resolve("b.tif"));
        save((FloatProcessor) gt.duplicate(), p.resolve("a-depth.tif"));
        FloatProcessor off = (FloatProcessor) gt.duplicate();
        off.multiply(1.1);
        save(off, p.resolve("b-depth.tif"));
        CliTest.Result r = CliTest.run("eval", "--pred", p.toString(), "--gt", g.toString(), "--align", "none");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("a.tif") && r.out().contains("b.tif") && r.out().contains("mean (2 files)"), r.out());
        JsonObject o = JsonParser.parseString(CliTest.run("eval", "--pred", p.toString(), "--gt", g.toString(),
                "--align", "none", "--json").out()).getAsJsonObject();
        assertEquals(2, o.getAsJsonArray("files").size());
        assertEquals(0.05, o.getAsJsonObject("mean").get("abs_rel").getAsDouble(), 1e-6);
    }

    @Test
    void aColourPredictionIsRefusedWithAReason(@TempDir Path tmp) {
        ImagePlus rgb = new ImagePlus("rgb", new ij.process.ColorProcessor(32, 24));
        new FileSaver(rgb).saveAsPng(tmp.resolve("p.png").toString());
        CliTest.Result r = CliTest.run("eval", "--pred", tmp.resolve("p.png").toString(), "--gt",
                save(truth(), tmp.resolve("g.tif")).toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("colour image"), r.err());
    }

    @Test
    void aGroundTruthOfOneDepthIsRefusedNotPerfect(@TempDir Path tmp) {
        FloatProcessor flat = new FloatProcessor(32, 24);
        flat.set(2.5);
        CliTest.Result r = CliTest.run("eval", "--pred", save(truth(), tmp.resolve("p.tif")).toString(), "--gt",
                save(flat, tmp.resolve("g.tif")).toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("holds one depth (2.5) at every valid pixel"), r.err());
    }

    @Test
    void stacksAreScoredOverEveryFrameAndMustMatchTheGroundTruthsFrames(@TempDir Path tmp) {
        ImageStack four = new ImageStack(32, 24);
        ImageStack truths = new ImageStack(32, 24);
        for (int i = 0; i < 4; i++) {
            FloatProcessor t = truth();
            t.add(i);
            truths.addSlice(t);
            FloatProcessor p = (FloatProcessor) t.duplicate();
            p.multiply(i == 3 ? 1.2 : 1); // only the last frame is off: its error must count
            four.addSlice(p);
        }
        Path pred = tmp.resolve("p.tif");
        new FileSaver(new ImagePlus("p", four)).saveAsTiffStack(pred.toString());
        Path gt = tmp.resolve("g.tif");
        new FileSaver(new ImagePlus("g", truths)).saveAsTiffStack(gt.toString());
        CliTest.Result r = CliTest.run("eval", "--pred", pred.toString(), "--gt", gt.toString(), "--align", "none",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(4 * 32 * 24, o.get("n_valid").getAsLong());
        assertEquals(0.2 / 4, o.get("abs_rel").getAsDouble(), 1e-6);
        CliTest.Result one = CliTest.run("eval", "--pred", pred.toString(), "--gt",
                save(truth(), tmp.resolve("one.tif")).toString());
        assertEquals(1, one.code());
        assertTrue(one.err().contains("'p.tif' has 4 frame(s) but the ground truth 'one.tif' has 1"), one.err());
    }

    @Test
    void aFolderNamesItsBadPairAndListsTheFilesWithoutAMatch(@TempDir Path tmp) throws Exception {
        Path p = Files.createDirectories(tmp.resolve("pred"));
        Path g = Files.createDirectories(tmp.resolve("gt"));
        save(truth(), g.resolve("a.tif"));
        save(truth(), p.resolve("a-depth.tif"));
        save(truth(), g.resolve("c.tif"));
        save(truth(), p.resolve("extra-depth.tif"));
        CliTest.Result r = CliTest.run("eval", "--pred", p.toString(), "--gt", g.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("files").size());
        assertTrue(r.err().contains("1 prediction(s) in " + p + " match no ground-truth file and are not scored:"
                + " extra-depth.tif"), r.err());
        assertTrue(r.err().contains("1 ground-truth file(s) in " + g + " have no prediction and are not scored: c.tif"),
                r.err());
        save(new FloatProcessor(8, 8), p.resolve("c-depth.tif"));
        r = CliTest.run("eval", "--pred", p.toString(), "--gt", g.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--pred " + p.resolve("c-depth.tif") + " against --gt " + g.resolve("c.tif")
                + ": the prediction is 8x8"), r.err());
    }
}
