package org.depthfm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.batch.BatchPlan;
import org.depthfm.batch.BatchRunner;
import org.depthfm.batch.Shard;
import org.depthfm.batch.SurfaceOutputs;
import org.depthfm.pipeline.EstimateOptions;
import org.depthfm.pipeline.ModelHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm estimate}: depth maps for images, stacks and folders. */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates depth for images, stacks and folders of them, writing 32-bit TIFFs.",
                "Outputs are <name>-depth.tif (and -uncertainty.tif, -members.tif), beside each image or under -o.",
                "An image with known depths beside it (<name>.sparse.tif or <name>.points.csv) is completed instead, to"
                        + " <name>-completed.tif in the known depths' unit (see 'complete' and --complete-method).",
                "Complete and valid outputs are skipped (--overwrite redoes them), damaged ones redone; no output may"
                        + " replace an input; a failing file is reported and the batch goes on, a failing model stops it;"
                        + " folders get a summary CSV, merged with other runs' (shards, a second run on the folder). Each"
                        + " file's noise seed comes from --seed and its path relative to the batch, so any split of a"
                        + " batch (--shard, a cluster) gives the same depth."})
final class EstimateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Image files (TIFF, PNG, JPEG, ...; stacks and hyperstacks too) or one folder of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "A .tif for one image, or an output folder (default: beside each image; <folder>-depth/"
                    + " for a folder).")
    Path output;

    @Mixin
    BatchMixin batch;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Process only part I of N of the sorted file list, e.g. one task of a SLURM job array.")
    String shard;

    @Option(names = "--summary", paramLabel = "CSV",
            description = "The summary CSV (default: depthfm-summary.csv in the output folder of a folder batch).")
    Path summary;

    @Mixin
    RunMixin run;

    @Override
    public Integer call() {
        EstimateOptions options = batch.estimate.options();
        BatchCompletion completion = batch.estimate.completion();
        SurfaceOutputs surfaces = batch.surfaces.outputs(options);
        BatchPlan plan = BatchPlan.of(inputs, output, batch.recursive, Shard.parse(shard), summary);
        surfaces.requireNoInputReplaced(plan);
        // guidance needs float32; the whole batch then runs so, rather than loading the model twice
        run.engine.useThreads(0);
        EngineOptions engineOptions = completion.method().engine(run.engine.options());
        PrintWriter out = spec.commandLine().getOut();
        ConsoleProgress progress = new ConsoleProgress(System.err);
        // resolved (and downloaded on first use) before the batch, so a model problem stops it once
        Path modelDir = BatchRunner.hasWork(plan, options, batch.overwrite) ? run.model.resolve().dir() : null;
        try (ModelHolder holder = new ModelHolder()) {
            BatchRunner.Worker worker = BatchRunner.Worker.holding(holder, modelDir, engineOptions);
            List<BatchRunner.Outcome> outcomes = BatchRunner.run(plan, worker, options, completion, surfaces,
                    batch.overwrite, progress, o -> {
                progress.clear();
                String note = o.message().isEmpty() ? "" : "; " + o.message();
                out.printf(Locale.ROOT, "%-7s %s%s%n", o.status().name().toLowerCase(Locale.ROOT), o.item().relativePath(),
                        o.status() == BatchRunner.Status.FAILED ? ": " + o.message()
                                : o.status() == BatchRunner.Status.DONE ? String.format(Locale.ROOT, " -> %s (%s%.1f s%s)",
                                        o.item().depth(), processed(o), o.seconds(), note)
                                : " (" + (o.message().isEmpty() ? "outputs exist" : o.message()) + ")");
                out.flush();
            });
            long failed = outcomes.stream().filter(o -> o.status() == BatchRunner.Status.FAILED).count();
            boolean stopped = !outcomes.isEmpty() && outcomes.get(outcomes.size() - 1).modelFailed();
            if (outcomes.size() > 1 || plan.summary() != null || stopped) {
                out.printf(Locale.ROOT, "%d done, %d skipped, %d failed%s%s%n",
                        outcomes.stream().filter(o -> o.status() == BatchRunner.Status.DONE).count(),
                        outcomes.stream().filter(o -> o.status() == BatchRunner.Status.SKIPPED).count(), failed,
                        stopped ? String.format(Locale.ROOT, "; stopped: the model failed, %d file(s) not started",
                                plan.items().size() - outcomes.size()) : "",
                        plan.summary() == null ? "" : "; summary: " + plan.summary());
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /** @return "processed at WxH, " where the network saw another size than the image's, else "" */
    private static String processed(BatchRunner.Outcome o) {
        return o.processingWidth() == o.width() && o.processingHeight() == o.height() ? ""
                : "processed at " + o.processingWidth() + "x" + o.processingHeight() + ", ";
    }
}
