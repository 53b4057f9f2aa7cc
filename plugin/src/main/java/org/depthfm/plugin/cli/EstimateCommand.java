package org.depthfm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.depthfm.model.flow.Sampling;
import org.depthfm.plugin.pipeline.EstimateOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm estimate}: depth maps for images, stacks and folders. */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates depth for images, stacks and folders of them, writing 32-bit TIFFs.",
                "A folder is processed file by file: existing outputs are skipped (--overwrite redoes them), a"
                        + " failure is reported and the batch goes on, and a summary CSV is written."})
final class EstimateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Image files (TIFF, PNG, JPEG, ...; stacks and hyperstacks too) or one folder of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output TIFF for one image, or output folder (default: <image>-depth.tif beside each"
                    + " image; for a folder, <folder>-depth/).")
    Path output;

    @Option(names = "--steps", defaultValue = "2", paramLabel = "N", description = "Euler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--ensemble", defaultValue = "4", paramLabel = "N",
            description = "Ensemble members per image (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Noise seed; in a folder each file's seed comes from this and its relative path"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--processing-res", defaultValue = "0", paramLabel = "PX",
            description = "Resize the longer side to this (rounded to the network's multiple) before estimating;"
                    + " 0 = the original size, the official default (default: ${DEFAULT-VALUE}).")
    int processingRes;

    @Option(names = "--output-type", defaultValue = "depth", paramLabel = "T",
            description = "depth (official, 0..1, larger = farther), disparity (larger = nearer) or log-depth"
                    + " (default: ${DEFAULT-VALUE}).")
    String outputType;

    @Option(names = "--invert", description = "Near = bright (1 - depth).")
    boolean invert;

    @Option(names = "--uncertainty", description = "Also write the ensemble uncertainty (<name>-uncertainty.tif).")
    boolean uncertainty;

    @Option(names = "--members", description = "Also write every ensemble member (<name>-members.tif).")
    boolean members;

    @Option(names = "--temporal", description = "Stacks: align each frame's scale and shift to the previous one.")
    boolean temporal;

    @Option(names = "--channels", paramLabel = "R,G,B", split = ",",
            description = "For multi-channel images: the channels (1-based) to read as red, green and blue.")
    int[] channels;

    @Option(names = "--overwrite", description = "Redo outputs that exist.")
    boolean overwrite;

    @Option(names = "--recursive", description = "Also process the sub-folders of an input folder.")
    boolean recursive;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Process only the I-th of N parts of the file list (1-based), e.g. a SLURM array task.")
    String shard;

    @Option(names = "--summary", paramLabel = "CSV", description = "Where to write the summary (default: OUT/depthfm-summary.csv for folders).")
    Path summary;

    @ArgGroup(exclusive = false, heading = "Model%n")
    ModelOptions model = new ModelOptions();

    @Mixin
    EngineMixin engine;

    @Override
    public Integer call() {
        EstimateOptions options = new EstimateOptions(new Sampling(steps, ensemble, seed, -1, 0), processingRes,
                EstimateOptions.Output.parse(outputType), invert, uncertainty, members, temporal, channels == null ? null
                        : java.util.Arrays.stream(channels).map(c -> c - 1).toArray());
        Batch batch = Batch.plan(inputs, output, recursive, overwrite, Shard.parse(shard), summary);
        PrintWriter err = spec.commandLine().getErr();
        Path dir = model.resolve(err);
        return batch.run(dir, engine.options(), options, err) ? 0 : 1;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
