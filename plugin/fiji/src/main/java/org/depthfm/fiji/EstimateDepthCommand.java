package org.depthfm.fiji;

import ij.ImagePlus;
import java.io.File;
import org.depthfm.base.Defaults;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.pipeline.EstimateOptions;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Estimate Depth: relative depth for the active image, stack or hyperstack
 * (every Z and T plane is a frame). Macro: {@code run("Estimate Depth", "steps=2 ensemble_size=4")}.
 * The dialog lists the choices of most runs first and the model and engine settings below, as
 * advanced ({@code persist = false} everywhere: a macro that leaves a key out gets the default).
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Estimate Depth", headless = true,
        description = "Relative depth with DepthFM (flow matching, AAAI 2025)")
public final class EstimateDepthCommand extends DepthFmCommand {
    /** Not required, so that "no image open" gets the command's own clear message. */
    @Parameter(label = Labels.IMAGE, description = Labels.IMAGE_HELP, required = false, persist = false)
    ImagePlus image;

    @Parameter(label = Labels.STEPS, description = Labels.STEPS_HELP, min = Defaults.STEPS_MIN_TEXT,
            max = Defaults.STEPS_MAX_TEXT, persist = false)
    int steps = Defaults.STEPS;

    @Parameter(label = Labels.ENSEMBLE, description = Labels.ENSEMBLE_HELP, min = Defaults.ENSEMBLE_MIN_TEXT,
            max = Defaults.ENSEMBLE_MAX_TEXT, persist = false)
    int ensemble_size = Defaults.ENSEMBLE;

    @Parameter(label = Labels.UNCERTAINTY, description = Labels.UNCERTAINTY_HELP, persist = false)
    boolean uncertainty = false;

    @Parameter(label = Labels.MEMBERS, description = Labels.MEMBERS_HELP, persist = false)
    boolean members = false;

    @Parameter(label = Labels.OUTPUT, description = Labels.OUTPUT_HELP, choices = {Labels.OUTPUT_DEPTH,
            Labels.OUTPUT_INVERTED, Labels.OUTPUT_DISPARITY, Labels.OUTPUT_LOG}, persist = false)
    String output = Labels.OUTPUT_DEPTH;

    @Parameter(label = Labels.TEMPORAL, description = Labels.TEMPORAL_HELP, persist = false)
    boolean temporal = false;

    @Parameter(label = Labels.PROCESSING_RES, description = Labels.PROCESSING_HELP, min = "0", persist = false)
    int processing_res = Defaults.PROCESSING_SIZE;

    @Parameter(label = Labels.DETAIL, description = Labels.DETAIL_HELP, persist = false)
    boolean detail = false;

    @Parameter(label = Labels.SEED, description = Labels.SEED_HELP, persist = false)
    long seed = Defaults.SEED;

    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    String advanced = Labels.ADVANCED;

    @Parameter(label = Labels.MODEL_DIR, description = Labels.MODEL_DIR_HELP, required = false, style = "directory",
            persist = false)
    File model_dir;

    @Parameter(label = Labels.DEVICE, description = Labels.DEVICE_HELP, choices = {"auto", "cpu", "cuda"},
            persist = false)
    String device = "auto";

    @Parameter(label = Labels.PRECISION, description = Labels.PRECISION_HELP, choices = {"auto", "fp32", "fp16"},
            persist = false)
    String precision = "auto";

    @Parameter(label = Labels.ATTENTION, description = Labels.ATTENTION_HELP, choices = {"xformers", "sdpa"},
            persist = false)
    String attention = "xformers";

    @Parameter(label = Labels.CHANNELS, description = Labels.CHANNELS_HELP, required = false, persist = false)
    String channels = "";

    @Parameter
    DepthFmService depthfm;

    @Parameter(required = false)
    StatusService status;

    @Parameter(type = ItemIO.OUTPUT, label = "Depth")
    ImagePlus depth_map;

    @Parameter(type = ItemIO.OUTPUT, label = "Uncertainty", required = false)
    ImagePlus uncertainty_map;

    @Parameter(type = ItemIO.OUTPUT, label = "Members", required = false)
    ImagePlus member_maps;

    @Override
    public void run() {
        guarded(() -> {
            Inputs.requireImage(image);
            EstimateOptions options = Inputs.estimate(steps, ensemble_size, seed, processing_res, output, uncertainty,
                    members, temporal, channels, detail);
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
