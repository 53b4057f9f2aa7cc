package org.depthfm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.depthfm.model.runtime.EngineOptions;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.plugin.batch.BatchPlan;
import org.depthfm.plugin.batch.BatchRunner;
import org.depthfm.plugin.batch.Shard;
import org.depthfm.plugin.imagej.StackEstimator;
import org.depthfm.plugin.pipeline.EstimateOptions;
import org.depthfm.plugin.pipeline.ModelHolder;
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
                "Existing outputs are skipped (--overwrite redoes them); a failing file is reported and the batch"
                        + " goes on; folders get a summary CSV. Each file's noise seed comes from --seed and its path"
                        + " relative to the batch, so any split of a batch (--shard, a cluster) gives the same depth."})
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
    SamplingMixin sampling;

    @Option(names = "--output-type", defaultValue = "depth", paramLabel = "T",
            description = "depth (official: 0 near .. 1 far), inverted (1 - depth), disparity or log-depth"
                    + " (default: ${DEFAULT-VALUE}).")
    String outputType;

    @Option(names = "--invert", description = "Near = bright: the same as --output-type inverted.")
    boolean invert;

    @Option(names = "--uncertainty", description = "Also write the ensemble uncertainty (<name>-uncertainty.tif).")
    boolean uncertainty;

    @Option(names = "--members", description = "Also write every ensemble member (<name>-members.tif).")
    boolean members;

    @Option(names = "--temporal", description = "Stacks: align each frame's scale and shift to the previous one.")
    boolean temporal;

    @Option(names = "--channels", paramLabel = "R,G,B", split = ",",
            description = "Multi-channel images: the channels (1-based) read as red, green and blue.")
    int[] channels;

    @Option(names = "--overwrite", description = "Redo files whose outputs exist.")
    boolean overwrite;

    @Option(names = "--recursive", description = "Also take the images of sub-folders (outputs mirror the layout).")
    boolean recursive;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Process only part I of N of the sorted file list, e.g. one task of a SLURM job array.")
    String shard;

    @Option(names = "--summary", paramLabel = "CSV",
            description = "The summary CSV (default: depthfm-summary.csv in the output folder of a folder batch).")
    Path summary;

    @Mixin
    ModelOptions model;

    @Mixin
    EngineMixin engine;

    @Override
    public Integer call() {
        EstimateOptions options = options();
        BatchPlan plan = BatchPlan.of(inputs, output, recursive, Shard.parse(shard), summary);
        EngineOptions engineOptions = engine.options();
        PrintWriter out = spec.commandLine().getOut();
        ConsoleProgress progress = new ConsoleProgress(System.err);
        // resolved (and downloaded on first use) before the batch, so a model problem stops it once
        Path modelDir = BatchRunner.hasWork(plan, options, overwrite) ? model.resolve().dir() : null;
        try (ModelHolder holder = new ModelHolder()) {
            List<BatchRunner.Outcome> outcomes = BatchRunner.run(plan,
                    (imp, o, p) -> holder.with(modelDir, engineOptions, m -> StackEstimator.estimate(m, imp, o, p)),
                    options, overwrite, progress, o -> {
                progress.clear();
                out.printf(Locale.ROOT, "%-7s %s%s%n", o.status().name().toLowerCase(Locale.ROOT), o.item().relativePath(),
                        o.status() == BatchRunner.Status.FAILED ? ": " + o.message()
                                : o.status() == BatchRunner.Status.DONE ? String.format(Locale.ROOT, " -> %s (%.1f s)",
                                        o.item().depth(), o.seconds()) : " (outputs exist)");
                out.flush();
            });
            long failed = outcomes.stream().filter(o -> o.status() == BatchRunner.Status.FAILED).count();
            if (outcomes.size() > 1 || plan.summary() != null) {
                out.printf(Locale.ROOT, "%d done, %d skipped, %d failed%s%n",
                        outcomes.stream().filter(o -> o.status() == BatchRunner.Status.DONE).count(),
                        outcomes.stream().filter(o -> o.status() == BatchRunner.Status.SKIPPED).count(), failed,
                        plan.summary() == null ? "" : "; summary: " + plan.summary());
            }
            return failed == 0 ? 0 : 1;
        }
    }

    private EstimateOptions options() {
        DepthOutput type = OutputTypes.parse(outputType);
        if (invert) {
            if (type != DepthOutput.DEPTH && type != DepthOutput.INVERTED_DEPTH) {
                throw new IllegalArgumentException("--invert applies to the depth output only");
            }
            type = DepthOutput.INVERTED_DEPTH;
        }
        int[] rgb = channels == null ? null : Arrays.stream(channels).map(c -> c - 1).toArray();
        return new EstimateOptions(sampling.sampling(), sampling.processingRes, type, uncertainty, members, temporal,
                rgb);
    }
}
