package org.depthfm.fiji;

import ij.ImagePlus;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.pipeline.EstimateOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Estimate Depth: relative depth for the active image, stack or hyperstack
 * (every Z and T plane is a frame). Macro: {@code run("Estimate Depth", "steps=2 ensemble_size=4")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Estimate Depth", headless = true,
        description = "Relative depth with DepthFM (flow matching, AAAI 2025)")
public final class EstimateDepthCommand extends EstimateParameters {
    /** Not required, so that "no image open" gets the command's own clear message. */
    @Parameter(label = "Image", required = false)
    ImagePlus image;

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
            EstimateOptions options = options();
            Run run = new Run(status, image, "Estimate Depth");
            StackEstimator.Result r = depthfm.estimate(modelDir(run), engine(), image, options, run);
            depth_map = r.depth();
            uncertainty_map = r.uncertainty();
            member_maps = r.members();
            run.record(r, options, model_dir);
        });
    }
}
