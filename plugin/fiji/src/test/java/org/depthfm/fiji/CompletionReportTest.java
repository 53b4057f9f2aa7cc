package org.depthfm.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.ScaleShift;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.ops.completion.Residuals;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.CompletionPipeline;
import org.junit.jupiter.api.Test;

/** The numbers Depth Completion reports (the tables themselves have no window to read back headless). */
class CompletionReportTest {
    private static CompletionPipeline.Result result() {
        KnownPoints given = new KnownPoints(new int[] {0, 1}, new int[] {0, 0}, new double[] {2, 3});
        KnownPoints heldOut = new KnownPoints(new int[] {1}, new int[] {1}, new double[] {5});
        RandomAccessibleInterval<FloatType> depth = ArrayImgs.floats(new float[] {2.5f, 3, 4, 4}, 2, 2);
        return new CompletionPipeline.Result(depth, ArrayImgs.floats(2, 2), new ScaleShift(0.5, 1, AlignmentSpace.LOG, 2),
                given, heldOut, Residuals.of(depth, given), Residuals.of(depth, heldOut), 64, 48);
    }

    @Test
    void theSummaryRowHasTheFitAndTheErrorsAtGivenAndHeldOutPoints() {
        ResultsTable rt = new ResultsTable();
        rt.incrementCounter();
        CompletionReport.columns(rt, result(), CompletionOptions.DEFAULT, "m");
        assertEquals("align", rt.getStringValue("Method", 0));
        assertEquals("log", rt.getStringValue("Space", 0));
        assertEquals(2, rt.getValue("Points", 0));
        assertEquals(0.5, rt.getValue("Scale", 0));
        assertEquals("m", rt.getStringValue("Unit", 0));
        assertEquals(Math.sqrt(0.125), rt.getValue("RMSE", 0), 1e-12);
        assertEquals(0.25, rt.getValue("MAE", 0), 1e-12);
        assertEquals(1, rt.getValue("Held out", 0));
        assertEquals(1, rt.getValue("RMSE (held out)", 0), 1e-12);
    }

    @Test
    void thePointsTableHasEveryPointWithItsSet() {
        ResultsTable rt = CompletionReport.points(new ResultsTable(), result());
        assertEquals(3, rt.size());
        assertEquals(2.5, rt.getValue("Completed", 0), 1e-6);
        assertEquals(0.5, rt.getValue("Residual", 0), 1e-6);
        assertEquals("held-out", rt.getStringValue("Set", 2));
        assertEquals(-1, rt.getValue("Residual", 2), 1e-6);
    }
}
