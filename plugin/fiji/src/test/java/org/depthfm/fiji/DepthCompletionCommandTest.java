package org.depthfm.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.ImageStack;
import ij.gui.PointRoi;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.depthfm.base.Fixtures;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.pipeline.SyntheticDepth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/** Plugins › DepthFM › Depth Completion, run headless through SciJava's CommandService on the tiny fixture model. */
class DepthCompletionCommandTest {
    private static Context context;
    private static CommandService commands;
    private static ImagePlus picture;
    private static KnownPoints points;
    private static final AtomicInteger OPENED = new AtomicInteger();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        // the sparse image is chosen by title among the open images: batch mode opens them without a display
        Interpreter.batchMode = true;
        context = new Context(CommandService.class, DepthFmService.class);
        commands = context.service(CommandService.class);
        picture = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        picture.getCalibration().pixelWidth = 0.5;
        picture.getCalibration().setUnit("mm");
        points = SyntheticDepth.sample(SyntheticDepth.scene(picture.getWidth(), picture.getHeight()), 40, 5);
    }

    @AfterAll
    static void stop() {
        Interpreter.batchMode = false;
        context.dispose();
    }

    /** Starts the command through the whole module pipeline, as a menu click or a macro line does. */
    private static Future<Module> start(Object... inputs) {
        return commands.moduleService().run(commands.getCommand(DepthCompletionCommand.class), true, inputs);
    }

    private static DepthCompletionCommand run(Object... more) throws Exception {
        Object[] base = {"image", picture, "model_dir", Fixtures.tiny().toFile(), "steps", 1, "ensemble_size", 2,
                "device", "cpu", "precision", "fp32"};
        Object[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return (DepthCompletionCommand) start(all).get();
    }

    /** A 32-bit image of the picture's size with the given depths, 0 elsewhere. */
    private static String sparse(int[] x, int[] y, double[] depth) {
        FloatProcessor fp = new FloatProcessor(picture.getWidth(), picture.getHeight());
        for (int i = 0; i < depth.length; i++) {
            fp.setf(x[i], y[i], (float) depth[i]);
        }
        return open(new ImagePlus("sparse", fp)).getTitle();
    }

    /**
     * Opens the image as a batch-mode image with a unique title, the way a macro would see it:
     * the sparse input takes its title.
     */
    private static ImagePlus open(ImagePlus imp) {
        imp.setTitle(imp.getTitle() + "-" + OPENED.incrementAndGet());
        imp.show();
        return imp;
    }

    private static String sparse(KnownPoints p) {
        return sparse(p.x(), p.y(), p.depth());
    }

    private static Path csv(String... lines) throws IOException {
        return Files.write(Files.createTempFile(tmp, "points", ".csv"), List.of(lines));
    }

    private static String[] csvLines(KnownPoints p) {
        List<String> lines = new ArrayList<>(List.of("x,y,depth"));
        for (int i = 0; i < p.size(); i++) {
            lines.add(String.format(Locale.ROOT, "%d,%d,%s", p.x()[i], p.y()[i], p.depth()[i]));
        }
        return lines.toArray(String[]::new);
    }

    @Test
    void sparseDepthGivesCalibratedDepthInItsUnitAndTheResidualsInTheResultsTable() throws Exception {
        ImagePlus sparse = WindowManager.getImage(sparse(points));
        sparse.getCalibration().setValueUnit("m");
        float[] before = ((float[]) sparse.getProcessor().getPixels()).clone();
        int[] pictureBefore = ((int[]) picture.getProcessor().getPixels()).clone();
        DepthCompletionCommand m = run("sparse", sparse.getTitle(), "held_out", 0.25, "residual_table", true);
        assertFalse(m.isCanceled(), () -> String.valueOf(m.getCancelReason()));
        ImagePlus depth = (ImagePlus) m.getOutput("depth_map");
        assertArrayEquals(new int[] {picture.getWidth(), picture.getHeight(), 1, 1, 1}, depth.getDimensions());
        assertEquals(ImagePlus.GRAY32, depth.getType());
        assertEquals(0.5, depth.getCalibration().pixelWidth);
        assertEquals("mm", depth.getCalibration().getUnit());
        assertEquals("m", depth.getCalibration().getValueUnit());
        assertEquals("m", ((ImagePlus) m.getOutput("uncertainty_map")).getCalibration().getValueUnit());
        assertArrayEquals(before, (float[]) sparse.getProcessor().getPixels(), "the sparse image was modified");
        assertArrayEquals(pictureBefore, (int[]) picture.getProcessor().getPixels(), "the image was modified");
    }

    @Test
    void aCsvAndASelectionWithATableColumnGiveTheSameDepthAsTheSparseImage() throws Exception {
        float[] fromImage = (float[]) ((ImagePlus) run("sparse", sparse(points)).getOutput("depth_map"))
                .getProcessor().getPixels();
        DepthCompletionCommand fromCsv = run("source", "csv", "points_csv", csv(csvLines(points)).toFile());
        assertFalse(fromCsv.isCanceled(), () -> String.valueOf(fromCsv.getCancelReason()));
        assertArrayEquals(fromImage, (float[]) ((ImagePlus) fromCsv.getOutput("depth_map")).getProcessor().getPixels());
        ImagePlus marked = picture.duplicate();
        PointRoi roi = new PointRoi(points.x()[0], points.y()[0]);
        ResultsTable rt = ResultsTable.getResultsTable();
        rt.reset();
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                roi.addPoint(points.x()[i], points.y()[i]);
            }
            rt.incrementCounter();
            rt.addValue("Depth", points.depth()[i]);
        }
        marked.setRoi(roi);
        DepthCompletionCommand fromRoi = run("image", marked, "source", "selection", "points_column", "Depth");
        assertFalse(fromRoi.isCanceled(), () -> String.valueOf(fromRoi.getCancelReason()));
        assertArrayEquals(fromImage, (float[]) ((ImagePlus) fromRoi.getOutput("depth_map")).getProcessor().getPixels());
    }

    static Stream<Arguments> badInputs() throws IOException {
        int[] three = {1, 2, 3};
        ImageStack stack = new ImageStack(picture.getWidth(), picture.getHeight());
        stack.addSlice(picture.getProcessor().duplicate());
        stack.addSlice(picture.getProcessor().duplicate());
        return Stream.of(
                Arguments.of("no known points", new Object[] {"sparse", sparse(new int[0], new int[0], new double[0])}),
                Arguments.of("one known point", new Object[] {"sparse", sparse(new int[] {3}, new int[] {4},
                        new double[] {2})}),
                Arguments.of("have the same depth", new Object[] {"sparse", sparse(three, three, new double[] {2, 2, 2})}),
                Arguments.of("-1.0 at pixel (2, 2)", new Object[] {"sparse", sparse(three, three, new double[] {2, -1, 3})}),
                Arguments.of("has depth NaN", new Object[] {"source", "csv", "points_csv", csv("1,1,2", "5,5,NaN", "9,9,3").toFile()}),
                Arguments.of("lies outside the 64x48 image", new Object[] {"source", "csv", "points_csv", csv("1,1,2", "64,5,3").toFile()}),
                Arguments.of("line 2: 'far' is not a number", new Object[] {"source", "csv", "points_csv", csv("1,1,2", "3,3,far").toFile()}),
                Arguments.of("choose the sparse depth image", new Object[] {}),
                Arguments.of("another image than the one to complete", sameImageTwice()),
                Arguments.of("choose the CSV file", new Object[] {"source", "csv"}),
                Arguments.of("name the table column", new Object[] {"source", "selection"}),
                Arguments.of("no multi-point selection", new Object[] {"source", "selection", "points_column", "Depth"}),
                Arguments.of("unknown source of known depths", new Object[] {"source", "lidar"}),
                Arguments.of("is 8x8 but the image", new Object[] {"sparse", open(new ImagePlus("small", new FloatProcessor(8, 8))).getTitle()}),
                Arguments.of("no open image has this title", new Object[] {"sparse", "lidar.tif"}),
                Arguments.of("one image plane", new Object[] {"image", new ImagePlus("stack", stack), "sparse",
                        sparse(points)}),
                Arguments.of("unknown completion method", new Object[] {"sparse", sparse(points), "method", "magic"}),
                Arguments.of("needs a completion checkpoint", new Object[] {"sparse", sparse(points), "method", "learned"}));
    }

    /** The image to complete given as its own sparse depth. */
    private static Object[] sameImageTwice() {
        ImagePlus imp = open(picture.duplicate());
        return new Object[] {"image", imp, "sparse", imp.getTitle()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsOneClearMessageAndNoOutput(String expected, Object[] inputs) throws Exception {
        DepthCompletionCommand m = run(inputs);
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().contains(expected), m.getCancelReason());
        assertNull(m.getOutput("depth_map"));
        assertNull(m.getOutput("uncertainty_map"));
    }
}
