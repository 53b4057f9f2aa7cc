package org.depthfm.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.depthfm.base.Progress;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.pipeline.EstimateOptions;
import org.scijava.app.StatusService;

/**
 * One command run as the user sees it: Fiji's progress bar and status line per frame, ODE step and
 * downloaded megabyte; Esc cancels between steps (and pauses a download, which resumes next time);
 * a summary row in the "DepthFM Results" table at the end.
 */
final class Run implements Progress {
    /** The results table every DepthFM command adds its summary row to. */
    static final String TABLE = "DepthFM Results";

    private final StatusService status;
    private final ImagePlus image;
    private final String what;
    private final long start = System.nanoTime();

    Run(StatusService status, ImagePlus image, String what) {
        this.status = status;
        this.image = image;
        this.what = what;
        IJ.resetEscape();
    }

    @Override
    public void update(double fraction, String what) {
        if (status != null) {
            if (!Double.isNaN(fraction)) {
                status.showProgress((int) Math.round(fraction * 1000), 1000);
            }
            status.showStatus(what);
        }
    }

    @Override
    public void message(String line) {
        IJ.log("DepthFM: " + line);
        if (status != null) {
            status.showStatus(line);
        }
    }

    @Override
    public void checkCancelled() {
        if (IJ.escapePressed()) {
            throw new CancellationException("cancelled by the user");
        }
    }

    /** Clears the progress bar and adds the run's summary row to the results table. */
    void record(StackEstimator.Result r, EstimateOptions o, File modelDir) {
        record(modelDir, rt -> {
            rt.addValue("Steps", o.sampling().steps());
            rt.addValue("Ensemble", o.sampling().ensembleSize());
            rt.addValue("Seed", Long.toString(o.sampling().seed()));
            rt.addValue("Output", o.output().name().toLowerCase(java.util.Locale.ROOT));
            rt.addValue("Frames", r.depth().getStackSize());
            rt.addValue("Processing", r.processingWidth() + "x" + r.processingHeight());
        });
    }

    /**
     * Clears the progress bar and adds a summary row: image, command and model, the command's own
     * columns, and the time taken.
     */
    void record(File modelDir, Consumer<ResultsTable> columns) {
        if (status != null) {
            status.clearStatus();
        }
        ResultsTable rt = table();
        rt.incrementCounter();
        rt.addValue("Image", image.getTitle());
        rt.addValue("Command", what);
        rt.addValue("Model", modelDir == null ? "depthfm-v1" : modelDir.getPath());
        columns.accept(rt);
        rt.addValue("Time (s)", (System.nanoTime() - start) / 1e9);
        Tables.show(rt, TABLE, 1);
    }

    /** @return the DepthFM results table, created on first use (headless: a new one, whose row goes to the log) */
    static ResultsTable table() {
        return Tables.forRows(TABLE, false);
    }
}
