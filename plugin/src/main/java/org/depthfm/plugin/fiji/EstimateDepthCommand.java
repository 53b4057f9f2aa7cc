package org.depthfm.plugin.fiji;

import ij.ImagePlus;
import java.io.File;
import org.depthfm.model.flow.Sampling;
import org.depthfm.plugin.imagej.StackEstimator;
import org.depthfm.plugin.pipeline.EstimateOptions;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Estimate Depth: relative depth for the active image, stack or hyperstack
 * (every Z and T plane is a frame). Macro: {@code run("Estimate Depth", "steps=2 ensemble_size=4")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Estimate Depth", headless = true,
        description = "Relative depth with DepthFM (flow matching, AAAI 2025)")
public final class EstimateDepthCommand extends DepthFmCommand {
    /** Not required, so that "no image open" gets the command's own clear message. */
    @Parameter(label = "Image", required = false)
    ImagePlus image;

    @Parameter(label = Labels.STEPS, min = "1", max = "100", persist = false)
    int steps = Labels.DEFAULT_STEPS;

    @Parameter(label = Labels.ENSEMBLE, min = "1", max = "64", persist = false)
    int ensemble_size = Labels.DEFAULT_ENSEMBLE;

    @Parameter(label = Labels.PROCESSING_RES, min = "0", persist = false)
    int processing_res = 0;

    @Parameter(label = Labels.SEED, persist = false)
    long seed = 0;

    @Parameter(label = Labels.OUTPUT, choices = {Labels.OUTPUT_DEPTH, Labels.OUTPUT_INVERTED, Labels.OUTPUT_DISPARITY,
            Labels.OUTPUT_LOG}, persist = false)
    String output = Labels.OUTPUT_DEPTH;

    @Parameter(label = Labels.UNCERTAINTY, persist = false)
    boolean uncertainty = false;

    @Parameter(label = Labels.MEMBERS, persist = false)
    boolean members = false;

    @Parameter(label = Labels.TEMPORAL, persist = false)
    boolean temporal = false;

    @Parameter(label = Labels.CHANNELS, required = false, persist = false)
    String channels = "";

    @Parameter(label = Labels.MODEL_DIR, required = false, style = "directory", persist = false)
    File model_dir;

    @Parameter(label = Labels.DEVICE, choices = {"auto", "cpu", "cuda"}, persist = false)
    String device = "auto";

    @Parameter(label = Labels.PRECISION, choices = {"auto", "fp32", "fp16"}, persist = false)
    String precision = "auto";

    @Parameter(label = Labels.ATTENTION, choices = {"xformers", "sdpa"}, persist = false)
    String attention = "xformers";

    @Parameter(type = ItemIO.OUTPUT, label = "Depth")
    ImagePlus depth_map;

    @Parameter(type = ItemIO.OUTPUT, label = "Uncertainty", required = false)
    ImagePlus uncertainty_map;

    @Parameter(type = ItemIO.OUTPUT, label = "Members", required = false)
    ImagePlus member_maps;

    @Parameter
    DepthFmService depthfm;

    @Parameter(required = false)
    StatusService status;

    @Override
    public void run() {
        guarded(() -> {
            Inputs.requireImage(image);
            EstimateOptions options = new EstimateOptions(new Sampling(steps, ensemble_size, seed, -1, 0), processing_res,
                    Inputs.output(output), uncertainty, members, temporal, Inputs.channels(channels));
            Run run = new Run(status, image, "Estimate Depth");
            StackEstimator.Result r = depthfm.estimate(Inputs.modelDir(model_dir, depthfm.modelManager(), run),
                    Inputs.engine(device, precision, attention), image, options, run);
            depth_map = r.depth();
            uncertainty_map = r.uncertainty();
            member_maps = r.members();
            run.record(r, options, model_dir);
        });
    }
}
