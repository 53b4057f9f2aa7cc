package org.depthfm.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageStatistics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.depthfm.base.Fixtures;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.pipeline.EstimateOptions;
import org.depthfm.store.ModelFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DepthFM in the real Fiji core of {@code ../shared/fiji}, installed from the Fiji zip as a user
 * does, headless and on a virtual display, each start with fresh preferences, against the tiny
 * fixture model: the example macros of {@code macros/} unchanged (Export 3D among them), a macro loop that meets a
 * broken file, left-out macro keys, optional images set to none, {@code --run}, a line recorded
 * by Fiji's macro recorder replayed, and a machine without libtorch.
 */
class FijiIT {
    private static final Path WORK = Paths.get("target/it/fiji").toAbsolutePath();
    private static final Pattern DEPTHFM_ROW = Pattern.compile("DepthFM Results: .*?Ensemble=(\\d+)");
    private static FijiApp fiji;
    private static Path data;

    @BeforeAll
    static void install() throws Exception {
        FijiApp.deleteTree(WORK);
        fiji = FijiApp.install(WORK, "Fiji.app", true);
        data = Files.createDirectories(WORK.resolve("data"));
        Files.copy(Fixtures.tiny().resolve("input.png"), data.resolve("photo.png"));
        Files.copy(Fixtures.tiny().resolve("input.png"), data.resolve("scene.png"));
        writeMovie(data.resolve("movie.tif"));
        writeGroundTruth(data.resolve("scene.png"), data.resolve("scene-gt.tif"));
        Path photos = Files.createDirectories(data.resolve("photos"));
        Files.copy(Fixtures.tiny().resolve("input.png"), photos.resolve("a.png"));
        Files.writeString(photos.resolve("b.png"), "not an image");
        Files.copy(Fixtures.tiny().resolve("input.png"), photos.resolve("c.png"));
        Files.writeString(photos.resolve("c.points.csv"), "x,y,depth\n3,4,2.5\n60,5,4.0\n10,40,1.5\n33,20,3.0\n");
        // for the loop: b is constant, which Estimate Depth refuses
        Path loop = Files.createDirectories(data.resolve("loop"));
        Files.copy(Fixtures.tiny().resolve("input.png"), loop.resolve("a.png"));
        new FileSaver(new ImagePlus("b", new FloatProcessor(64, 48))).saveAsTiff(loop.resolve("b.tif").toString());
        Files.copy(Fixtures.tiny().resolve("input.png"), loop.resolve("c.png"));
    }

    /** Three frames of the picture, shifted by 2 px each. */
    private static void writeMovie(Path file) {
        ImagePlus pic = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        ImageStack stack = new ImageStack(pic.getWidth(), pic.getHeight());
        for (int i = 0; i < 3; i++) {
            ColorProcessor cp = (ColorProcessor) pic.getProcessor().duplicate();
            cp.translate(2 * i, 0);
            stack.addSlice("t" + i, cp);
        }
        new FileSaver(new ImagePlus("movie", stack)).saveAsTiffStack(file.toString());
    }

    /** Ground truth 2 x depth + 1 of the very prediction uncertainty_evaluation.ijm makes (8 members, 2 steps, seed 0). */
    private static void writeGroundTruth(Path image, Path file) {
        ImagePlus pic = IJ.openImage(image.toString());
        EstimateOptions o = new EstimateOptions(new Sampling(2, 8, 0, -1, 0), 0, DepthOutput.DEPTH, false, false, false,
                null, 0);
        FloatProcessor gt;
        try (DepthFM model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32)) {
            gt = (FloatProcessor) StackEstimator.estimate(model, pic, o, Progress.NONE).depth().getProcessor().duplicate();
        }
        gt.multiply(2);
        gt.add(1);
        new FileSaver(new ImagePlus("scene-gt", gt)).saveAsTiff(file.toString());
    }

    private static String q(Path p) {
        return "[" + p + "]";
    }

    private static String macroString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A macro that runs the five example macros unchanged, writing under {@code out}, then the loop. */
    private static Path examples(Path out, boolean gui) throws Exception {
        Path macros = Paths.get(System.getProperty("depthfm.repo"), "macros").toAbsolutePath().normalize();
        String model = "model=" + q(Fixtures.tiny());
        StringBuilder m = new StringBuilder();
        if (gui) {
            m.append("call(\"org.depthfm.fiji.FijiDriver.exitWhenIdle\", ").append(macroString(out.resolve("gui.txt").toString()))
                    .append(");\n");
        }
        m.append(run(macros.resolve("estimate_depth.ijm"), "image=" + q(data.resolve("photo.png")) + " out="
                + q(out.resolve("single")) + " " + model));
        m.append(run(macros.resolve("stack_temporal.ijm"), "stack=" + q(data.resolve("movie.tif")) + " out="
                + q(out.resolve("movie")) + " " + model));
        m.append(run(macros.resolve("folder_batch.ijm"), "in=" + q(data.resolve("photos")) + " out="
                + q(out.resolve("photos")) + " " + model));
        m.append(run(macros.resolve("uncertainty_evaluation.ijm"), "image=" + q(data.resolve("scene.png")) + " gt="
                + q(data.resolve("scene-gt.tif")) + " out=" + q(out.resolve("evaluation")) + " " + model));
        m.append(run(macros.resolve("export_3d.ijm"), "image=" + q(data.resolve("photo.png")) + " out="
                + q(out.resolve("3d")) + " " + model));
        // a loop over three files whose second one is constant: it stops there, with one line
        m.append("list = newArray(\"a.png\", \"b.tif\", \"c.png\");\n"
                + "for (i = 0; i < list.length; i++) {\n"
                + "  open(" + macroString(data.resolve("loop") + "/") + " + list[i]);\n"
                + "  run(\"Estimate Depth\", \"steps=1 ensemble_size=1 model_dir=" + q(Fixtures.tiny()) + "\");\n"
                + "  saveAs(\"Tiff\", " + macroString(out.resolve("loop") + "/") + " + list[i] + \"-depth.tif\");\n"
                + "  close(\"*\");\n"
                + "}\n"
                + "print(\"the loop went on\");\n");
        Files.createDirectories(out.resolve("loop"));
        Path file = out.resolve("examples.ijm");
        Files.writeString(file, m);
        return file;
    }

    private static String run(Path macro, String args) {
        return "runMacro(" + macroString(macro.toString()) + ", " + macroString(args) + ");\nclose(\"*\");\n";
    }

    /** What the example macros and the loop must have left, as MacrosIT checks them in plain ImageJ 1. */
    private static void assertExampleOutputs(Path out, String log) throws Exception {
        ImagePlus depth = IJ.openImage(out.resolve("single/photo-depth.tif").toString());
        assertTrue(depth != null, log);
        assertEquals(ImagePlus.GRAY32, depth.getType());
        ImageStatistics st = depth.getStatistics();
        assertEquals(0, st.min, 1e-6);
        assertEquals(1, st.max, 1e-6);
        assertTrue(Files.size(out.resolve("single/photo-depth-magma.png")) > 0, log);
        assertEquals(3, IJ.openImage(out.resolve("movie/movie-depth.tif").toString()).getStackSize(), log);
        assertEquals(3, IJ.openImage(out.resolve("movie/movie-uncertainty.tif").toString()).getStackSize(), log);
        assertTrue(Files.exists(out.resolve("photos/a-depth.tif")) && Files.exists(out.resolve("photos/c-completed.tif")),
                log);
        List<String> summary = Files.readAllLines(out.resolve("photos/depthfm-summary.csv"));
        assertTrue(summary.size() == 4 && summary.get(2).startsWith("b.png,failed,"), summary.toString());
        List<String> csv = Files.readAllLines(out.resolve("evaluation/scene-evaluation.csv"));
        assertEquals(2, csv.size(), log + csv);
        List<String> header = List.of(csv.get(0).split(","));
        String[] row = csv.get(1).split(",");
        assertTrue(Double.parseDouble(row[header.indexOf("AbsRel")]) < 1e-4, csv.toString());
        assertEquals(2, Double.parseDouble(row[header.indexOf("Scale")]), 1e-3);
        assertTrue(Files.exists(out.resolve("evaluation/scene-uncertainty.tif")), log);
        String ply = new String(Files.readAllBytes(out.resolve("3d/photo-mesh.ply")), StandardCharsets.ISO_8859_1);
        assertTrue(ply.startsWith("ply\nformat binary_little_endian 1.0\n") && ply.matches("(?s).*element face [1-9].*"),
                log);
        assertEquals(ImagePlus.COLOR_RGB, IJ.openImage(out.resolve("3d/photo-normals.png").toString()).getType(), log);
        // the loop: a done, b refused with one line, c never reached
        assertTrue(Files.exists(out.resolve("loop/a.png-depth.tif")), log);
        assertFalse(Files.exists(out.resolve("loop/b.tif-depth.tif")) || Files.exists(out.resolve("loop/c.png-depth.tif")),
                log);
        assertTrue(log.contains("DepthFM: the image is constant"), log);
        assertFalse(log.contains("the loop went on"), log);
        assertFalse(log.contains("internal error") || log.contains("Overriding"), log);
    }

    @Test
    void exampleMacrosRunHeadlessAndALoopStopsAtTheBrokenFile() throws Exception {
        Path out = WORK.resolve("headless");
        FijiApp.Launch r = fiji.run(false, "--headless", "-batch", examples(out, false).toString());
        assertExampleOutputs(out, r.log());
        assertEquals(1, count(r.log(), "DepthFM: the image is constant"), r.log());
    }

    @Test
    void exampleMacrosRunInTheGuiWithoutADialog() throws Exception {
        Path out = WORK.resolve("gui");
        FijiApp.Launch r = fiji.run(true, "-macro", examples(out, true).toString());
        String seen = Files.readString(out.resolve("gui.txt"));
        assertExampleOutputs(out, seen + r.log());
        assertTrue(seen.contains("dialogs: \n"), "a dialog is open after the loop stopped:\n" + seen);
        assertEquals(1, count(seen, "DepthFM: the image is constant"), seen);
    }

    @Test
    void leftOutKeysTakeTheDefaultsAndOptionalImagesCanBeNone() throws Exception {
        Path out = Files.createDirectories(WORK.resolve("defaults"));
        Path mask = out.resolve("left-half.tif");
        FloatProcessor left = new FloatProcessor(64, 48);
        left.setRoi(0, 0, 32, 48);
        left.setValue(1);
        left.fill();
        new FileSaver(new ImagePlus("left-half", left)).saveAsTiff(mask.toString());
        String model = "model_dir=" + q(Fixtures.tiny());
        String macro = "open(" + macroString(data.resolve("photo.png").toString()) + ");\n"
                + "run(\"Estimate Depth\", \"steps=1 " + model + "\");\n"
                + "selectImage(\"photo.png\");\n"
                + "run(\"Estimate Depth\", \"steps=1 " + model + "\");\n"
                + "print(\"images: \" + nImages + \", current: \" + getTitle());\n"
                + "print(\"processed at: \" + getInfo(\"DepthFM processing size\"));\n"
                + "open(" + macroString(data.resolve("scene-gt.tif").toString()) + ");\n"
                + "open(" + macroString(mask.toString()) + ");\n"
                + "run(\"Evaluate Depth\", \"prediction=photo-depth ground_truth=scene-gt.tif mask=none\");\n"
                + "run(\"Evaluate Depth\", \"prediction=photo-depth ground_truth=scene-gt.tif mask=left-half.tif\");\n"
                + "print(\"valid: \" + getResult(\"Valid pixels\", 0) + \" \" + getResult(\"Valid pixels\", 1));\n"
                + "run(\"Estimate Depth\", \"steps=1 ensembel_size=3 " + model + "\");\n"
                + "print(\"the macro went on\");\n";
        Path file = Files.writeString(out.resolve("defaults.ijm"), macro);
        String log = fiji.run(false, "--headless", "-batch", file.toString()).log();
        assertEquals(2, count(log, "Image=photo.png, Command=Estimate Depth"), "the second run took the active image:\n" + log);
        Matcher m = DEPTHFM_ROW.matcher(log);
        int rows = 0;
        while (m.find()) {
            assertEquals("4", m.group(1), "a left-out ensemble_size is the default 4:\n" + log);
            rows++;
        }
        assertEquals(2, rows, log);
        assertTrue(log.contains("images: 3, current: photo-depth"), log);
        // the output's provenance, for the next line of the macro
        assertTrue(Pattern.compile("processed at: \\d+x\\d+\n").matcher(log).find(), log);
        // all 64 x 48 pixels without a mask, the left half with it
        assertTrue(log.contains("valid: 3072 1536"), log);
        assertTrue(log.contains("DepthFM: unknown option 'ensembel_size'"), log);
        assertFalse(log.contains("the macro went on"), log);
    }

    @Test
    void theCommandLineRunsCommandsWithParsingtonsSyntax() throws Exception {
        Path out = WORK.resolve("run-batch");
        FijiApp.Launch r = fiji.run(false, "--headless", "--run", "Batch Estimate Depth", "input_folder=\""
                + data.resolve("photos") + "\",output_folder=\"" + out + "\",steps=1,ensemble_size=2,model_dir=\""
                + Fixtures.tiny() + "\"");
        assertTrue(Files.exists(out.resolve("a-depth.tif")) && Files.exists(out.resolve("depthfm-summary.csv")), r.log());
        r = fiji.run(false, "--headless", "--run", "Plugins>DepthFM>Manage DepthFM Models", "action=\"list\"");
        assertTrue(r.log().contains("DepthFM Models: Model=depthfm-v1, State=absent"), r.log());
    }

    @Test
    void aLineRecordedInTheGuiReplaysUnattended() throws Exception {
        Path out = Files.createDirectories(WORK.resolve("recorder"));
        Path seen = out.resolve("session.txt");
        Path start = Files.writeString(out.resolve("session.ijm"), "open(" + macroString(Fixtures.tiny()
                .resolve("input.png").toString()) + ");\ncall(\"org.depthfm.fiji.FijiDriver.session\", "
                + macroString(seen.toString()) + ", " + macroString(Fixtures.tiny().toString()) + ", "
                + macroString(Paths.get("target/screenshots").toAbsolutePath().toString()) + ");\n");
        FijiApp.Launch r = fiji.run(true, "-macro", start.toString());
        String s = Files.readString(seen);
        assertFalse(s.contains("error:"), s + r.log());
        assertTrue(s.contains("interactive ensemble: 3") && s.contains("macro ensemble: 4"), s);
        assertTrue(s.contains("failure dialogs: 1") && s.contains("failure: DepthFM: model folder /nonexistent/model"),
                s);
        assertTrue(s.contains("dialogs after: \n"), s);
        String line = s.lines().filter(l -> l.startsWith("recorded: ")).findFirst().orElseThrow()
                .substring("recorded: ".length());
        assertTrue(line.contains("steps=1") && line.contains("ensemble_size=3"), line);
        Path replay = Files.writeString(out.resolve("replay.ijm"), "open(" + macroString(Fixtures.tiny()
                .resolve("input.png").toString()) + ");\n" + line + "\nselectImage(\"input-depth\");\nsaveAs(\"Tiff\", "
                + macroString(out.resolve("replayed.tif").toString()) + ");\n");
        String log = fiji.run(false, "--headless", "-batch", replay.toString()).log();
        assertTrue(Files.exists(out.resolve("replayed.tif")), log);
        assertTrue(DEPTHFM_ROW.matcher(log).find() && log.contains("Ensemble=3"), log);
    }

    @Test
    void withoutLibtorchOneLineSaysHowToGetIt() throws Exception {
        FijiApp bare = FijiApp.install(WORK, "Fiji-no-libtorch.app", false);
        Path macro = Files.writeString(WORK.resolve("no-libtorch.ijm"), "open(" + macroString(data.resolve("photo.png")
                .toString()) + ");\nrun(\"Estimate Depth\", \"steps=1 model_dir=" + q(Fixtures.tiny())
                + "\");\nprint(\"the macro went on\");\n");
        String log = bare.run(false, "--headless", "-batch", macro.toString()).log();
        List<String> lines = log.lines().filter(l -> l.startsWith("DepthFM: ")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).contains("libtorch") && lines.get(0).contains("pytorch-native-cpu")
                && lines.get(0).contains("PYTORCH_LIBRARY_PATH") && lines.get(0).contains("Fiji.app/jars"), log);
        assertFalse(log.contains("internal error") || log.contains("the macro went on"), log);
    }

    @Test
    void theFijiZipHoldsNoImageJ1MenusAndNoBridge() throws Exception {
        try (Stream<Path> s = Files.list(fiji.folder().resolve("plugins"))) {
            for (Path jar : s.toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    assertTrue(j.getEntry("plugins.config") == null, jar + " has a plugins.config");
                    assertTrue(j.stream().noneMatch(e -> e.getName().startsWith("org/depthfm/ij1/")), jar + " has the bridge");
                }
            }
        }
        try (Stream<Path> s = Files.list(fiji.folder().resolve("jars"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("depthfm-ij1")), "the bridge's jar is in jars/");
        }
        String log = fiji.run(false, "--headless", "-eval", "print(\"started\");").log();
        assertTrue(log.contains("started") && !log.contains("Overriding"), log);
    }

    /** @return how often {@code what} occurs in {@code text} */
    private static long count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
