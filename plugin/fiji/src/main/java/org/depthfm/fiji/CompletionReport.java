package org.depthfm.fiji;

import ij.measure.ResultsTable;
import java.util.Locale;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.ops.completion.Residuals;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.CompletionPipeline;

/** What Depth Completion reports: its summary columns and, on request, a table of every point. */
final class CompletionReport {
    /** The table of every point's residual. */
    static final String POINTS_TABLE = "DepthFM Completion Residuals";

    private CompletionReport() {
    }

    /** Adds the method, the fit and the errors to a summary row. */
    static void columns(ResultsTable rt, CompletionPipeline.Result r, CompletionOptions o, String unit) {
        rt.addValue("Method", o.method().id());
        rt.addValue("Steps", o.sampling().steps());
        rt.addValue("Ensemble", o.sampling().ensembleSize());
        rt.addValue("Seed", Long.toString(o.sampling().seed()));
        rt.addValue("Space", o.space().name().toLowerCase(Locale.ROOT));
        rt.addValue("Points", r.given().size());
        rt.addValue("Fit points", r.fit().samples());
        rt.addValue("Scale", r.fit().scale());
        rt.addValue("Shift", r.fit().shift());
        rt.addValue("Unit", unit);
        rt.addValue("RMSE", r.atGiven().rmse());
        rt.addValue("MAE", r.atGiven().mae());
        rt.addValue("Held out", r.heldOut().size());
        rt.addValue("RMSE (held out)", r.atHeldOut().rmse());
        rt.addValue("MAE (held out)", r.atHeldOut().mae());
        rt.addValue("Processing", r.processingWidth() + "x" + r.processingHeight());
    }

    /**
     * @param rt an empty table to fill
     * @param r the completion
     * @return the table, with every point's known and completed depth, its residual and its set
     */
    static ResultsTable points(ResultsTable rt, CompletionPipeline.Result r) {
        rows(rt, r.given(), Residuals.each(r.depth(), r.given()), "given");
        rows(rt, r.heldOut(), Residuals.each(r.depth(), r.heldOut()), "held-out");
        return rt;
    }

    private static void rows(ResultsTable rt, KnownPoints points, double[] residuals, String set) {
        int[] x = points.x();
        int[] y = points.y();
        double[] d = points.depth();
        for (int i = 0; i < d.length; i++) {
            rt.incrementCounter();
            rt.addValue("X", x[i]);
            rt.addValue("Y", y[i]);
            rt.addValue("Known", d[i]);
            rt.addValue("Completed", d[i] + residuals[i]);
            rt.addValue("Residual", residuals[i]);
            rt.addValue("Set", set);
        }
    }
}
