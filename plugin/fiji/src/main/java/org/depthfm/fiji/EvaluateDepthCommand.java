package org.depthfm.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import org.depthfm.ops.metrics.DepthMetrics;
import org.depthfm.imagej.ImageEvaluation;
import org.depthfm.pipeline.DepthEvaluation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Evaluate Depth: a depth map against ground truth, the paper's metrics in
 * the "DepthFM Evaluation" table. Macro, e.g.
 * {@code run("Evaluate Depth", "prediction=[photo-depth] ground_truth=[photo-gt.tif] align=scale-shift")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Evaluate Depth", headless = true,
        initializer = "offerImages",
        description = "AbsRel, SqRel, RMSE, RMSE(log) and delta1-3 of a depth map against ground truth")
public final class EvaluateDepthCommand extends DepthFmDynamicCommand {
    /** The results table of this command. */
    static final String TABLE = "DepthFM Evaluation";

    @Parameter(label = "Prediction", description = "The depth map to evaluate (an open image)", required = false,
            persist = false)
    ImagePlus prediction;

    @Parameter(label = "Ground truth",
            description = "The true depth (an open image of the same size); gt_scale turns its values into depth",
            required = false, persist = false)
    ImagePlus ground_truth;

    @Parameter(label = "Mask (non-zero = use)",
            description = "none, or an open image whose non-zero pixels are evaluated", required = false,
            persist = false)
    String mask = ImageChoice.NONE;

    @Parameter(label = "Uncertainty map (error by uncertainty, paper §4)",
            description = "none, or the uncertainty map of the prediction: the error where it is high and low",
            required = false, persist = false)
    String uncertainty = ImageChoice.NONE;

    @Parameter(label = "Alignment",
            description = "How the relative prediction is fitted to the ground truth before the errors",
            choices = {"scale-shift", "scale", "log", "disparity", "none"}, persist = false)
    String align = "scale-shift";

    @Parameter(label = "Prediction is log-depth",
            description = "The prediction holds log-depth (Estimate Depth's output log-depth)", persist = false)
    boolean pred_is_log = false;

    @Parameter(label = "Smallest valid depth", description = "Ground truth below this is not evaluated",
            persist = false)
    double min_depth = 1e-3;

    @Parameter(label = "Largest valid depth (0 = none)", description = "Ground truth above this is not evaluated",
            persist = false)
    double max_depth = 0;

    @Parameter(label = "Ground-truth scale (values x scale = depth)",
            description = "E.g. 0.001 for millimetres to metres", persist = false)
    double gt_scale = 1;

    @Override
    public void run() {
        guarded(() -> {
            if (prediction == null || ground_truth == null) {
                throw new IllegalArgumentException("choose both a prediction and a ground-truth image (open them first)");
            }
            ImageEvaluation.Settings s = new ImageEvaluation.Settings(DepthEvaluation.Align.parse(align), pred_is_log,
                    min_depth, max_depth > 0 ? max_depth : Double.POSITIVE_INFINITY, gt_scale);
            DepthEvaluation.Report r = ImageEvaluation.evaluate(prediction, ground_truth,
                    ImageChoice.image("mask", mask), ImageChoice.image("uncertainty", uncertainty), s);
            record(r, s);
        });
    }

    /** The optional images' choices: none or an open image. */
    void offerImages() {
        ImageChoice.offer(this, "mask");
        ImageChoice.offer(this, "uncertainty");
    }

    private void record(DepthEvaluation.Report r, ImageEvaluation.Settings s) {
        ResultsTable rt = Tables.forRows(TABLE, true);
        DepthMetrics m = r.metrics();
        rt.incrementCounter();
        rt.addValue("Prediction", prediction.getTitle());
        rt.addValue("Ground truth", ground_truth.getTitle());
        rt.addValue("Alignment", s.align().id());
        rt.addValue("AbsRel", m.absRel());
        rt.addValue("SqRel", m.sqRel());
        rt.addValue("RMSE", m.rmse());
        rt.addValue("RMSE(log)", m.rmseLog());
        rt.addValue("delta1", m.delta1());
        rt.addValue("delta2", m.delta2());
        rt.addValue("delta3", m.delta3());
        rt.addValue("Valid pixels", m.count());
        rt.addValue("Scale", r.fit() == null ? 1 : r.fit().scale());
        rt.addValue("Shift", r.fit() == null ? 0 : r.fit().shift());
        if (r.byUncertainty() != null) {
            rt.addValue("MAE high uncertainty", r.byUncertainty().highMeanError());
            rt.addValue("MAE low uncertainty", r.byUncertainty().lowMeanError());
            rt.addValue("Error ratio", r.byUncertainty().ratio());
        }
        Tables.show(rt, TABLE, 1);
    }
}
