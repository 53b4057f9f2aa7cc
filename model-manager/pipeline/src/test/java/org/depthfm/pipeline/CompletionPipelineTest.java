package org.depthfm.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import net.imglib2.RandomAccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.depthfm.base.Progress;
import org.depthfm.store.CompletionFixture;
import org.depthfm.base.Fixtures;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.pipeline.SyntheticDepth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Depth completion on the tiny fixture model with synthetic truths: an exactly affine one (the
 * model's own prediction, scaled and shifted in the fit's space) that align must recover to float
 * precision, and a smooth one the model does not predict, on which guidance must lower the error.
 */
class CompletionPipelineTest {
    private static final Sampling SAMPLING = new Sampling(2, 2, 4, -1, 0);

    private static DepthFM model;
    private static RandomAccessibleInterval<FloatType> frame;
    private static int w;
    private static int h;

    @BeforeAll
    static void load() throws IOException {
        model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32);
        // a float copy of the RGB picture, so the tests hold one plain image
        BufferedImage picture = ImageIO.read(Fixtures.tiny().resolve("input.png").toFile());
        w = picture.getWidth();
        h = picture.getHeight();
        frame = ArrayImgs.floats(w, h, 3);
        RandomAccess<FloatType> a = frame.randomAccess();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = picture.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    a.setPositionAndGet(x, y, c).set((rgb >> (16 - 8 * c)) & 0xff);
                }
            }
        }
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    private static CompletionOptions options(CompletionMethod method, AlignmentSpace space, double heldOut) {
        return new CompletionOptions(method, SAMPLING, 0, space, 0, 3, 0.05, heldOut);
    }

    /** One member, 2 Euler steps, 3 gradient steps each: 6 guided passes keep the test short. */
    private static CompletionOptions oneMember(CompletionMethod method) {
        return new CompletionOptions(method, SAMPLING.withEnsembleSize(1), 0, AlignmentSpace.LOG, 0, 3, 0.05, 0.25);
    }

    /** About 2 % of the pixels (as in the paper), at random, with the truth's depth. */
    private static KnownPoints sample(RandomAccessibleInterval<FloatType> truth, long seed) {
        return SyntheticDepth.sample(truth, w * h / 50, seed);
    }

    private static double maxRelativeError(RandomAccessibleInterval<FloatType> actual,
            RandomAccessibleInterval<FloatType> expected) {
        double worst = 0;
        Cursor<FloatType> e = Views.flatIterable(expected).cursor();
        for (FloatType t : Views.flatIterable(actual)) {
            double x = e.next().getRealDouble();
            worst = Math.max(worst, Math.abs(t.getRealDouble() - x) / Math.abs(x));
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(AlignmentSpace.class)
    void alignRecoversAnExactlyAffineTruthToFloatPrecision(AlignmentSpace space) {
        // the model's own log-depth m at the input size, as Estimate Depth computes it
        RandomAccessibleInterval<FloatType> m = DepthPipeline.estimate(model, frame,
                new EstimateOptions(SAMPLING, 0, DepthOutput.LOG_DEPTH, false, false, false, null, 0), Progress.NONE).depth();
        double scale = 0.7;
        double shift = 1.3;
        RandomAccessibleInterval<FloatType> truth = ArrayImgs.floats(w, h);
        LoopBuilder.setImages(m, truth).forEachPixel((p, d) -> {
            double v = p.getRealDouble();
            double prediction = space == AlignmentSpace.LOG ? v : Math.exp(space == AlignmentSpace.DISPARITY ? -v : v);
            d.setReal(space.toDepth(scale * prediction + shift));
        });
        CompletionPipeline.Result r = CompletionPipeline.complete(model, frame, sample(truth, 1),
                options(CompletionMethod.ALIGN, space, 0), Progress.NONE);
        double error = maxRelativeError(r.depth(), truth);
        System.out.printf("align, %s space: scale %.7f shift %.7f, largest relative error %.2e, RMSE at points %.2e%n",
                space, r.fit().scale(), r.fit().shift(), error, r.atGiven().rmse());
        assertEquals(scale, r.fit().scale(), 1e-5);
        assertEquals(shift, r.fit().shift(), 1e-5);
        assertTrue(error < 1e-5, "largest relative error " + error);
    }

    @Test
    void guidanceLowersTheErrorAtTheKnownPoints() {
        KnownPoints points = sample(SyntheticDepth.scene(w, h), 2);
        CompletionPipeline.Result align = CompletionPipeline.complete(model, frame, points,
                oneMember(CompletionMethod.ALIGN), Progress.NONE);
        CompletionPipeline.Result guided = CompletionPipeline.complete(model, frame, points,
                oneMember(CompletionMethod.GUIDED), Progress.NONE);
        System.out.printf("%d given / %d held-out points; RMSE given: align %.4f, guided %.4f; held out: align %.4f,"
                + " guided %.4f%n", align.given().size(), align.heldOut().size(), align.atGiven().rmse(),
                guided.atGiven().rmse(), align.atHeldOut().rmse(), guided.atHeldOut().rmse());
        assertEquals(align.given().size(), guided.given().size());
        assertTrue(guided.atGiven().rmse() < 0.8 * align.atGiven().rmse(),
                guided.atGiven().rmse() + " vs " + align.atGiven().rmse());
    }

    @Test
    void learnedRunsACompletionCheckpointAndEachMethodRefusesTheOtherKindOfModel(@TempDir Path tmp) {
        KnownPoints points = sample(SyntheticDepth.scene(w, h), 3);
        try (DepthFM completion = DepthFM.load(CompletionFixture.write(tmp), EngineOptions.CPU_FP32)) {
            CompletionPipeline.Result r = CompletionPipeline.complete(completion, frame, points,
                    options(CompletionMethod.LEARNED, AlignmentSpace.LOG, 0), Progress.NONE);
            assertEquals(points.size(), r.fit().samples());
            assertTrue(Double.isFinite(r.atGiven().rmse()) && r.atGiven().rmse() > 0);
            String m = assertThrows(IllegalArgumentException.class, () -> CompletionPipeline.complete(completion, frame,
                    points, options(CompletionMethod.ALIGN, AlignmentSpace.LOG, 0), Progress.NONE)).getMessage();
            assertTrue(m.contains("depth-completion model") && m.contains("method learned"), m);
        }
        String m = assertThrows(IllegalArgumentException.class, () -> CompletionPipeline.complete(model, frame, points,
                options(CompletionMethod.LEARNED, AlignmentSpace.LOG, 0), Progress.NONE)).getMessage();
        assertTrue(m.contains("takes no sparse depth"), m);
    }

    @Test
    void holdingOutLeavesTooFewPointsIsAClearError() {
        KnownPoints two = new KnownPoints(new int[] {1, 2}, new int[] {1, 1}, new double[] {1, 2});
        String m = assertThrows(IllegalArgumentException.class, () -> CompletionPipeline.complete(model, frame, two,
                options(CompletionMethod.ALIGN, AlignmentSpace.LOG, 0.5), Progress.NONE)).getMessage();
        assertTrue(m.contains("one known point"), m);
    }
}
