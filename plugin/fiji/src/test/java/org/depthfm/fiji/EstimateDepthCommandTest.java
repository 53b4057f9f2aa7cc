package org.depthfm.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.depthfm.base.Fixtures;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthPredictor;
import org.depthfm.engine.flow.Prediction;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.flow.Trace;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.ops.depth.DepthMaps;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.store.ModelFolder;
import org.depthfm.ops.convert.ModelInput;
import org.depthfm.imagej.ImageFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Plugins › DepthFM › Estimate Depth, run headless through SciJava's CommandService on the tiny fixture model. */
class EstimateDepthCommandTest {
    private static Context context;
    private static CommandService commands;
    private static ImagePlus picture;

    @BeforeAll
    static void start() {
        context = new Context(CommandService.class, DepthFmService.class);
        commands = context.service(CommandService.class);
        picture = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    private static CommandModule run(ImagePlus image, Object... more) throws Exception {
        Object[] base = {"image", image, "model_dir", Fixtures.tiny().toFile(), "steps", 1, "ensemble_size", 2,
                "device", "cpu", "precision", "fp32"};
        Object[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return commands.run(EstimateDepthCommand.class, true, all).get();
    }

    /** A hyperstack of the picture and its colour-shifted variants: 2 slices x 2 time points. */
    private static ImagePlus hyperstack() {
        ImageStack stack = new ImageStack(picture.getWidth(), picture.getHeight());
        for (int i = 0; i < 4; i++) {
            ColorProcessor cp = (ColorProcessor) picture.getProcessor().duplicate();
            cp.add(20 * i);
            stack.addSlice("f" + i, cp);
        }
        ImagePlus imp = new ImagePlus("hyper", stack);
        imp.setDimensions(1, 2, 2);
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().pixelHeight = 0.25;
        imp.getCalibration().setUnit("mm");
        imp.getCalibration().frameInterval = 3;
        return imp;
    }

    private static int[] checksum(ImagePlus imp) {
        int[] sums = new int[imp.getStackSize()];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = Arrays.hashCode((int[]) imp.getStack().getProcessor(i + 1).getPixels());
        }
        return sums;
    }

    @Test
    void aHyperstackGivesOneDepthFramePerPlaneShapedAndCalibratedLikeIt() throws Exception {
        ImagePlus imp = hyperstack();
        int[] before = checksum(imp);
        CommandModule m = run(imp, "uncertainty", true, "members", true, "seed", 7L);
        assertFalse(m.isCanceled(), () -> String.valueOf(m.getCancelReason()));
        ImagePlus depth = (ImagePlus) m.getOutput("depth_map");
        assertArrayEquals(new int[] {imp.getWidth(), imp.getHeight(), 1, 2, 2}, depth.getDimensions());
        assertEquals(ImagePlus.GRAY32, depth.getType());
        assertEquals(0.5, depth.getCalibration().pixelWidth);
        assertEquals(0.25, depth.getCalibration().pixelHeight);
        assertEquals("mm", depth.getCalibration().getUnit());
        assertEquals(3, depth.getCalibration().frameInterval);
        ImagePlus sigma = (ImagePlus) m.getOutput("uncertainty_map");
        assertArrayEquals(new int[] {imp.getWidth(), imp.getHeight(), 1, 2, 2}, sigma.getDimensions());
        ImagePlus members = (ImagePlus) m.getOutput("member_maps");
        assertArrayEquals(new int[] {imp.getWidth(), imp.getHeight(), 2, 2, 2}, members.getDimensions());
        assertArrayEquals(before, checksum(imp), "the input image was modified");
        for (int i = 1; i <= depth.getStackSize(); i++) {
            ImageProcessor ip = depth.getStack().getProcessor(i);
            ip.resetMinAndMax();
            assertEquals(0, ip.getMin(), 1e-6, "frame " + i);
            assertEquals(1, ip.getMax(), 1e-6, "frame " + i);
        }
    }

    @Test
    void depthFramesEqualWhatTheEngineGivesForTheSameSeed() throws Exception {
        ImagePlus imp = hyperstack();
        CommandModule m = run(imp, "seed", 11L);
        ImagePlus depth = (ImagePlus) m.getOutput("depth_map");
        try (DepthFM model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32)) {
            for (int i = 0; i < ImageFrames.count(imp); i++) {
                int frame = i;
                Prediction p = ImageFrames.visit(imp, i, new ImageFrames.Visitor<Prediction>() {
                    @Override
                    public <T extends net.imglib2.type.numeric.RealType<T>> Prediction visit(RandomAccessibleInterval<T> f) {
                        return DepthPredictor.predict(model, ModelInput.prepare(ModelInput.rgb(f), 0, model.sizeMultiple()),
                                new Sampling(1, 2, 11L, -1, 0), Progress.NONE, Trace.NONE);
                    }
                });
                float[] expected = new float[imp.getWidth() * imp.getHeight()];
                int k = 0;
                for (FloatType t : Views.flatIterable(DepthMaps.output(p.ensembleMean(), DepthOutput.DEPTH))) {
                    expected[k++] = t.get();
                }
                assertArrayEquals(expected, (float[]) depth.getStack().getProcessor(frame + 1).getPixels(), 1e-6f,
                        "frame " + frame);
            }
        }
    }

    @Test
    void temporalAlignmentKeepsTheFirstFrameAndRescalesTheOthers() throws Exception {
        ImagePlus imp = hyperstack();
        ImagePlus plain = (ImagePlus) run(imp, "seed", 3L).getOutput("depth_map");
        ImagePlus aligned = (ImagePlus) run(imp, "seed", 3L, "temporal", true).getOutput("depth_map");
        assertArrayEquals((float[]) plain.getStack().getPixels(1), (float[]) aligned.getStack().getPixels(1), 0f);
        assertFalse(Arrays.equals((float[]) plain.getStack().getPixels(2), (float[]) aligned.getStack().getPixels(2)));
    }

    @Test
    void noImageIsAClearError() throws Exception {
        CommandModule m = run(null);
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().contains("no image is open"), m.getCancelReason());
    }

    @Test
    void aOneByOneImageIsAClearError() throws Exception {
        CommandModule m = run(new ImagePlus("dot", new FloatProcessor(1, 1)));
        assertTrue(m.isCanceled());
        assertNull(m.getOutput("depth_map"));
        assertTrue(m.getCancelReason().toLowerCase().contains("constant"), m.getCancelReason());
    }

    @Test
    void aNaNImageIsAClearError() throws Exception {
        FloatProcessor fp = new FloatProcessor(16, 16);
        fp.setf(3, 3, 5f);
        fp.setf(4, 4, Float.NaN);
        CommandModule m = run(new ImagePlus("nan", fp));
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().contains("NaN"), m.getCancelReason());
    }

    @Test
    void aMissingModelFolderIsAClearError(@TempDir Path tmp) throws Exception {
        CommandModule m = run(picture, "model_dir", tmp.resolve("nowhere").toFile());
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().contains("does not exist"), m.getCancelReason());
    }

    @Test
    void aCorruptCheckpointIsAClearError(@TempDir Path tmp) throws Exception {
        Path dir = corruptCopy(tmp);
        CommandModule m = run(picture, "model_dir", dir.toFile());
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().contains("truncated") || m.getCancelReason().contains("corrupt"),
                m.getCancelReason());
    }

    /** The tiny model with its checkpoint cut in half. */
    private static Path corruptCopy(Path tmp) throws IOException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir.resolve("vae"));
        byte[] ckpt = Files.readAllBytes(Fixtures.tiny().resolve("unet.ckpt"));
        Files.write(dir.resolve("unet.ckpt"), Arrays.copyOf(ckpt, ckpt.length / 2));
        for (String f : new String[] {"config.json", "diffusion_pytorch_model.safetensors"}) {
            Files.copy(Fixtures.tiny().resolve("vae").resolve(f), dir.resolve("vae").resolve(f));
        }
        return dir;
    }

    @Test
    void concurrentRunsAreSerialisedAndGiveTheSameMaps() throws Exception {
        ImagePlus imp = hyperstack();
        float[] alone = (float[]) ((ImagePlus) run(imp, "seed", 9L).getOutput("depth_map")).getStack().getPixels(3);
        var a = commands.run(EstimateDepthCommand.class, true, "image", imp, "model_dir", Fixtures.tiny().toFile(),
                "steps", 1, "ensemble_size", 2, "device", "cpu", "precision", "fp32", "seed", 9L);
        var b = commands.run(EstimateDepthCommand.class, true, "image", picture, "model_dir", Fixtures.tiny().toFile(),
                "steps", 1, "ensemble_size", 2, "device", "cpu", "precision", "fp32", "seed", 9L);
        CommandModule ma = a.get();
        CommandModule mb = b.get();
        assertFalse(ma.isCanceled() || mb.isCanceled(), ma.getCancelReason() + " / " + mb.getCancelReason());
        assertArrayEquals(alone, (float[]) ((ImagePlus) ma.getOutput("depth_map")).getStack().getPixels(3), 0f);
        assertNotNull(mb.getOutput("depth_map"));
    }

    @Test
    void theModelStaysLoadedBetweenRuns() throws Exception {
        run(picture);
        DepthFmService service = context.service(DepthFmService.class);
        assertTrue(service.models().isLoaded());
        String before = service.models().describe();
        run(picture, "seed", 5L);
        assertEquals(before, service.models().describe());
        assertNotNull(new File(before.split(" on ")[0]));
    }
}
