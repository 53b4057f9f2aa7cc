package org.depthfm.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;
import org.depthfm.base.Fixtures;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.engine.runtime.MemoryPlanner;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.store.ModelFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory planner's verdict comes before any stage: a 12000x12000 image whose every pixel read
 * fails is refused, under a small budget, by the planner and not by a pixel read, an allocation or
 * the encoder; guided completion asks it too.
 */
class MemoryVerdictTest {
    private static DepthFM model;

    @BeforeAll
    static void load() {
        model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32);
        System.setProperty(MemoryPlanner.BUDGET_PROPERTY, "1g");
    }

    @AfterAll
    static void close() {
        System.clearProperty(MemoryPlanner.BUDGET_PROPERTY);
        model.close();
    }

    /** The defaults at the original size (processing size 0), which 12000x12000 cannot fit. */
    private static final EstimateOptions ORIGINAL_SIZE = new EstimateOptions(EstimateOptions.DEFAULT.sampling(), 0,
            EstimateOptions.DEFAULT.output(), false, false, false, null, 0);

    /** (12000, 12000, 3), each pixel read an error: no work on it may start before the verdict. */
    private static RandomAccessibleInterval<UnsignedByteType> untouchable() {
        return Views.interval(new FunctionRandomAccessible<>(3, (position, value) -> {
            throw new AssertionError("a pixel was read before the memory verdict");
        }, UnsignedByteType::new), new FinalInterval(12000, 12000, 3));
    }

    @Test
    void aHugeImageIsRefusedBeforeAPixelIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DepthPipeline.estimate(model, untouchable(), ORIGINAL_SIZE, Progress.NONE));
        assertTrue(e.getMessage().startsWith("a 12000x12000 prediction needs about")
                && e.getMessage().contains("only 1.1 GB are available") && e.getMessage().contains("--processing-res"),
                e.getMessage());
    }

    @Test
    void guidedCompletionAsksThePlannerToo() {
        KnownPoints points = KnownPoints.of(new double[] {1, 500, 9000}, new double[] {2, 700, 11000},
                new double[] {1, 2, 3}, 12000, 12000);
        CompletionOptions guided = new CompletionOptions(CompletionMethod.GUIDED, CompletionOptions.DEFAULT.sampling(),
                1024, AlignmentSpace.LOG, 0, 2, 0.05, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompletionPipeline.complete(model, untouchable(), points, guided, Progress.NONE));
        assertTrue(e.getMessage().startsWith("a 1024x1024 guided completion needs about"), e.getMessage());
    }
}
