package org.depthfm.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageStatistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depthfm.base.Fixtures;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.pipeline.EstimateOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example macros of {@code macros/}, run as a user would: plain ImageJ 1 ({@code ij.jar -batch})
 * with the ImageJ 1 install zip unpacked into its folder, on a virtual display (ImageJ 1 adds jar
 * menu entries only with a display), against the tiny fixture model. Their outputs are checked.
 */
class MacrosIT {
    private static final Path TARGET = Paths.get("target").toAbsolutePath();
    private static Path imagej;
    private static Path work;

    @BeforeAll
    static void install() throws Exception {
        imagej = ImageJ1Folder.get();
        work = TARGET.resolve("it/macros");
        ImageJ1Folder.deleteTree(work);
        Files.createDirectories(work);
    }

    /** Runs a macro in ImageJ 1 batch mode and returns what it printed. */
    private static String macro(String name, String args) throws Exception {
        Path macro = Paths.get(System.getProperty("depthfm.repo"), "macros", name).toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", ImageJ1Folder.java(), "-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-jar",
                imagej.resolve("ij.jar").toString(), "-ijpath", imagej.toString(), "-batch", macro.toString(), args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, name + " did not finish in 4 minutes:\n" + log);
        return log;
    }

    /** A copy of the fixture model's input image (64x48 RGB), replacing what is there. */
    private static Path tinyInput(Path target) throws IOException {
        return Files.copy(Fixtures.tiny().resolve("input.png"), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String model() {
        return "model=[" + Fixtures.tiny() + "]";
    }

    @Test
    void estimateDepthWritesTheDepthAndItsColourPicture() throws Exception {
        Path in = tinyInput(work.resolve("photo.png"));
        Path out = work.resolve("single");
        String log = macro("estimate_depth.ijm", "image=[" + in + "] out=[" + out + "] " + model());
        ImagePlus depth = IJ.openImage(out.resolve("photo-depth.tif").toString());
        assertTrue(depth != null, log);
        assertEquals(ImagePlus.GRAY32, depth.getType());
        ImageStatistics st = depth.getStatistics();
        assertEquals(0, st.min, 1e-6);
        assertEquals(1, st.max, 1e-6);
        assertTrue(Files.size(out.resolve("photo-depth-magma.png")) > 0, log);
    }

    @Test
    void export3dWritesAMeshWithColoursAndTheNormalMap() throws Exception {
        Path in = tinyInput(work.resolve("scene3d.png"));
        Path out = work.resolve("3d");
        String log = macro("export_3d.ijm", "image=[" + in + "] out=[" + out + "] " + model());
        Path ply = out.resolve("scene3d-mesh.ply");
        assertTrue(Files.isRegularFile(ply), log);
        String header = new String(Files.readAllBytes(ply), StandardCharsets.ISO_8859_1);
        header = header.substring(0, header.indexOf("end_header"));
        ImagePlus pic = IJ.openImage(in.toString());
        // at most one vertex per pixel (those of the triangles kept), coloured and with normals
        assertTrue(header.contains("format binary_little_endian 1.0"), header);
        Matcher vertices = Pattern.compile("element vertex ([0-9]+)\n").matcher(header);
        assertTrue(vertices.find(), header);
        long n = Long.parseLong(vertices.group(1));
        assertTrue(n > 0 && n <= (long) pic.getWidth() * pic.getHeight(), header);
        assertTrue(header.contains("relative depth"), "no focal length in a PNG: relative depth, said so in the file");
        assertTrue(header.contains("property uchar red") && header.contains("property float nx"), header);
        assertTrue(header.matches("(?s).*element face [1-9][0-9]*\n.*"), header);
        assertTrue(log.contains("mesh written to " + ply), log);
        ImagePlus normals = IJ.openImage(out.resolve("scene3d-normals.png").toString());
        assertTrue(normals != null, log);
        assertEquals(ImagePlus.COLOR_RGB, normals.getType());
        assertEquals(pic.getWidth(), normals.getWidth());
    }

    @Test
    void stackTemporalGivesOneAlignedFramePerSlice() throws Exception {
        ImagePlus pic = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        ImageStack stack = new ImageStack(pic.getWidth(), pic.getHeight());
        for (int i = 0; i < 3; i++) {
            ColorProcessor cp = (ColorProcessor) pic.getProcessor().duplicate();
            cp.translate(2 * i, 0);
            stack.addSlice("t" + i, cp);
        }
        Path in = work.resolve("movie.tif");
        new FileSaver(new ImagePlus("movie", stack)).saveAsTiffStack(in.toString());
        Path out = work.resolve("movie");
        String log = macro("stack_temporal.ijm", "stack=[" + in + "] out=[" + out + "] " + model());
        ImagePlus depth = IJ.openImage(out.resolve("movie-depth.tif").toString());
        assertTrue(depth != null, log);
        assertEquals(3, depth.getStackSize());
        assertEquals(3, IJ.openImage(out.resolve("movie-uncertainty.tif").toString()).getStackSize());
    }

    @Test
    void folderBatchSkipsNothingTwiceAndReportsTheBrokenFile() throws Exception {
        Path in = Files.createDirectories(work.resolve("photos"));
        tinyInput(in.resolve("a.png"));
        Files.writeString(in.resolve("b.png"), "not an image");
        // known depths beside c: completed, in their unit
        tinyInput(in.resolve("c.png"));
        Files.writeString(in.resolve("c.points.csv"), "x,y,depth\n3,4,2.5\n60,5,4.0\n10,40,1.5\n33,20,3.0\n");
        Path out = work.resolve("photos-out");
        String log = macro("folder_batch.ijm", "in=[" + in + "] out=[" + out + "] " + model());
        assertTrue(Files.exists(out.resolve("a-depth.tif")), log);
        assertTrue(Files.exists(out.resolve("a-uncertainty.tif")), log);
        assertTrue(Files.exists(out.resolve("c-completed.tif")) && !Files.exists(out.resolve("c-depth.tif")), log);
        List<String> csv = Files.readAllLines(out.resolve("depthfm-summary.csv"));
        assertEquals(4, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("a.png,done,") && csv.get(2).startsWith("b.png,failed,")
                && csv.get(3).startsWith("c.png,done,") && csv.get(3).contains("c-completed.tif"), csv.toString());
    }

    @Test
    void uncertaintyEvaluationRecoversAnAffineGroundTruth() throws Exception {
        Path in = tinyInput(work.resolve("scene.png"));
        // ground truth: 2 x depth + 1 of the very prediction the macro makes (8 members, 2 steps, seed 0)
        ImagePlus pic = IJ.openImage(in.toString());
        EstimateOptions o = new EstimateOptions(new Sampling(2, 8, 0, -1, 0), 0, DepthOutput.DEPTH, false, false, false,
                null, 0);
        FloatProcessor gt;
        try (DepthFM model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32)) {
            gt = (FloatProcessor) StackEstimator.estimate(model, pic, o, Progress.NONE).depth().getProcessor().duplicate();
        }
        gt.multiply(2);
        gt.add(1);
        Path gtFile = work.resolve("scene-gt.tif");
        new FileSaver(new ImagePlus("scene-gt", gt)).saveAsTiff(gtFile.toString());
        Path out = work.resolve("evaluation");
        String log = macro("uncertainty_evaluation.ijm", "image=[" + in + "] gt=[" + gtFile + "] out=[" + out + "] "
                + model());
        List<String> csv = Files.readAllLines(out.resolve("scene-evaluation.csv"));
        assertEquals(2, csv.size(), log + csv);
        List<String> header = List.of(csv.get(0).split(","));
        String[] row = csv.get(1).split(",");
        assertTrue(Double.parseDouble(row[header.indexOf("AbsRel")]) < 1e-4, csv.toString());
        assertEquals(2, Double.parseDouble(row[header.indexOf("Scale")]), 1e-3);
        assertTrue(header.contains("Error ratio"), csv.get(0));
        assertTrue(log.contains("mean uncertainty"), log);
    }
}
