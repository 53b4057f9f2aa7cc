package org.depthfm.fiji;

import ij.IJ;
import java.io.File;
import java.util.List;
import java.util.Locale;
import org.depthfm.base.Defaults;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.batch.BatchPlan;
import org.depthfm.batch.BatchRunner;
import org.depthfm.batch.Shard;
import org.depthfm.pipeline.EstimateOptions;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Batch Estimate Depth: every image of a folder to depth TIFFs, headless too.
 * Existing outputs are skipped unless {@code overwrite}; a failing file is logged and the batch
 * goes on; {@code depthfm-summary.csv} lands in the output folder. An image with known depths
 * beside it ({@code <name>.sparse.tif} or {@code <name>.points.csv}) is completed (align, log
 * space) to {@code <name>-completed.tif}. The same files and seeds as {@code depthfm estimate DIR -o OUT}.
 * The estimate options are Estimate Depth's.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Batch Estimate Depth", headless = true,
        description = "Depth for every image of a folder, written as TIFFs with a summary CSV")
public final class BatchEstimateCommand extends DepthFmCommand {
    /** Not required, so that a missing folder gets the command's own message, not a silent cancel. */
    @Parameter(label = "Input folder", description = "The folder of images (and of stacks, each done whole)",
            style = "directory", required = false, persist = false)
    File input_folder;

    @Parameter(label = "Output folder (empty = <input>-depth beside it)", description = "Where the depth TIFFs and"
            + " depthfm-summary.csv go", style = "directory", required = false, persist = false)
    File output_folder;

    @Parameter(label = "Include sub-folders", description = "Also the images of sub-folders, written to the same"
            + " sub-folders of the output", persist = false)
    boolean recursive = false;

    @Parameter(label = "Redo existing outputs", description = "Estimate again where the outputs exist (else they are"
            + " skipped, so that a stopped batch resumes)", persist = false)
    boolean overwrite = false;

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

    @Override
    public void run() {
        guarded(() -> {
            if (input_folder == null || !input_folder.isDirectory()) {
                throw new IllegalArgumentException("choose an input folder that exists (input_folder=...)");
            }
            EstimateOptions options = Inputs.estimate(steps, ensemble_size, seed, processing_res, output, uncertainty,
                    members, temporal, channels, detail);
            BatchPlan plan = BatchPlan.of(List.of(input_folder.toPath()),
                    output_folder == null ? null : output_folder.toPath(), recursive, Shard.ALL, null);
            Run run = new Run(status, null, "Batch Estimate Depth");
            var modelDir = BatchRunner.hasWork(plan, options, overwrite)
                    ? Inputs.modelDir(model_dir, depthfm.modelManager(), run) : null;
            List<BatchRunner.Outcome> outcomes = BatchRunner.run(plan,
                    BatchRunner.Worker.holding(depthfm.models(), modelDir, Inputs.engine(device, precision, attention)),
                    options, BatchCompletion.DEFAULT, overwrite, run,
                    o -> IJ.log(String.format(Locale.ROOT, "DepthFM: %s %s %s",
                            o.status().name().toLowerCase(Locale.ROOT), o.item().relativePath(), o.message())));
            long failed = outcomes.stream().filter(o -> o.status() == BatchRunner.Status.FAILED).count();
            run.message(outcomes.size() + " files, " + failed + " failed; summary in " + plan.summary());
        });
    }
}
