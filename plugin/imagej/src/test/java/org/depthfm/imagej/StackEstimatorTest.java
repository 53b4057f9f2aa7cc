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
import java.nio.file.Path;
import org.depthfm.ops.resample.ProcessingSize;
import org.junit.jupiter.api.io.TempDir;

/** Progress per frame and step, cancellation between them, and the provenance the results carry. */
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
    @Test
    void theResultsCarryTheirProvenanceThroughATiff(@TempDir Path tmp) {
        EstimateOptions options = new EstimateOptions(new Sampling(3, 2, 41, -1, 0), 32, DepthOutput.DISPARITY, true,
                false, false, null, 0);
        StackEstimator.Result r = StackEstimator.estimate(model, stack, options, Progress.NONE);
        ProcessingSize expected = ProcessingSize.of(stack.getWidth(), stack.getHeight(), 32, model.sizeMultiple());
        for (ImagePlus out : new ImagePlus[] {r.depth(), r.uncertainty()}) {
            Path file = tmp.resolve(out.getTitle() + ".tif");
            ImageFiles.saveTiff(out, file);
            ImagePlus back = IJ.openImage(file.toString());
            assertEquals(expected.width() + "x" + expected.height(), back.getStringProperty(Provenance.PROCESSING_SIZE));
            assertEquals("32 px", back.getStringProperty("DepthFM processing limit"));
            assertEquals(stack.getWidth() + "x" + stack.getHeight(), back.getStringProperty("DepthFM image size"));
            assertEquals("3", back.getStringProperty("DepthFM steps"));
            assertEquals("2", back.getStringProperty("DepthFM ensemble"));
            assertEquals("41", back.getStringProperty("DepthFM seed"));
            assertEquals("disparity", back.getStringProperty("DepthFM output"));
            assertEquals(Fixtures.tiny().getFileName().toString(), back.getStringProperty("DepthFM model"));
            assertEquals("float32", back.getStringProperty("DepthFM precision"));
        }
        // the input has none
        assertEquals(null, stack.getInfoProperty());
    }
}
