package org.depthfm.fiji;

import ij.IJ;
import java.io.File;
import java.util.List;
import java.util.Locale;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.batch.BatchPlan;
import org.depthfm.batch.BatchRunner;
import org.depthfm.batch.Shard;
import org.depthfm.pipeline.EstimateOptions;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Batch Estimate Depth: every image of a folder to depth TIFFs, headless too.
 * Existing outputs are skipped unless {@code overwrite}; a failing file is logged and the batch
 * goes on; {@code depthfm-summary.csv} lands in the output folder. An image with known depths
 * beside it ({@code <name>.sparse.tif} or {@code <name>.points.csv}) is completed (align, log
 * space) to {@code <name>-completed.tif}. The same files and seeds as {@code depthfm estimate DIR -o OUT}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Batch Estimate Depth", headless = true,
        description = "Depth for every image of a folder, written as TIFFs with a summary CSV")
public final class BatchEstimateCommand extends EstimateParameters {
    /** Not required, so that a missing folder gets the command's own message, not a silent cancel. */
    @Parameter(label = "Input folder", style = "directory", required = false, persist = false)
    File input_folder;

    @Parameter(label = "Output folder (empty = <input>-depth beside it)", style = "directory", required = false,
            persist = false)
    File output_folder;

    @Parameter(label = "Include sub-folders", persist = false)
    boolean recursive = false;

    @Parameter(label = "Redo existing outputs", persist = false)
    boolean overwrite = false;

    @Override
    public void run() {
        guarded(() -> {
            if (input_folder == null || !input_folder.isDirectory()) {
                throw new IllegalArgumentException("choose an input folder that exists (input_folder=...)");
            }
            EstimateOptions options = options();
            BatchPlan plan = BatchPlan.of(List.of(input_folder.toPath()),
                    output_folder == null ? null : output_folder.toPath(), recursive, Shard.ALL, null);
            Run run = new Run(status, null, "Batch Estimate Depth");
            var modelDir = BatchRunner.hasWork(plan, options, overwrite) ? modelDir(run) : null;
            List<BatchRunner.Outcome> outcomes = BatchRunner.run(plan,
                    BatchRunner.Worker.holding(depthfm.models(), modelDir, engine()), options, BatchCompletion.DEFAULT,
                    overwrite, run,
                    o -> IJ.log(String.format(Locale.ROOT, "DepthFM: %s %s %s", o.status().name().toLowerCase(Locale.ROOT),
                            o.item().relativePath(), o.message())));
            long failed = outcomes.stream().filter(o -> o.status() == BatchRunner.Status.FAILED).count();
            run.message(outcomes.size() + " files, " + failed + " failed; summary in " + plan.summary());
        });
    }
}
