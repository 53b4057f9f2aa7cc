package org.depthfm.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.depthfm.base.Fixtures;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.pipeline.EstimateOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Progress per frame and step, and cancellation between them. */
class StackEstimatorTest {
    private static DepthFM model;
    private static ImagePlus stack;

    @BeforeAll
    static void load() {
        model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32);
        ImagePlus pic = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        ImageStack s = new ImageStack(pic.getWidth(), pic.getHeight());
        for (int i = 0; i < 3; i++) {
            s.addSlice(pic.getProcessor().duplicate());
        }
        stack = new ImagePlus("three", s);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static final EstimateOptions OPTIONS = new EstimateOptions(new Sampling(2, 1, 0, -1, 0), 0,
            DepthOutput.DEPTH, false, false, false, null, 0);

    @Test
    void progressRisesThroughEveryFrameAndStep() {
        List<Double> seen = new ArrayList<>();
        StackEstimator.estimate(model, stack, OPTIONS, new Progress() {
            @Override
            public void update(double fraction, String what) {
                seen.add(fraction);
            }
        });
        assertEquals(6, seen.size(), seen.toString());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), seen.toString());
        }
        assertEquals(1.0, seen.get(seen.size() - 1), 1e-12);
    }

    @Test
    void cancellingStopsBetweenStepsWithoutAResult() {
        int[] steps = {0};
        Progress cancelAfterThree = new Progress() {
            @Override
            public void update(double fraction, String message) {
                steps[0]++;
            }

            @Override
            public void checkCancelled() {
                if (steps[0] >= 3) {
                    throw new CancellationException("cancelled");
                }
            }
        };
        assertThrows(CancellationException.class, () -> StackEstimator.estimate(model, stack, OPTIONS, cancelAfterThree));
        assertEquals(3, steps[0], "the run went on after the cancel");
    }
}
