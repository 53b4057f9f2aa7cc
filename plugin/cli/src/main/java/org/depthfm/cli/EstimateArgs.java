package org.depthfm.cli;

import java.util.Arrays;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.pipeline.CompletionMethod;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.EstimateOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that shape each depth map (sampling and outputs), shared by {@code estimate} and {@code spark}. */
final class EstimateArgs {
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

    @Option(names = "--tiles", description = "Detail at full resolution: after a pass at the processing size,"
            + " overlapping tiles of that size at the image's own resolution, aligned to it and blended without"
            + " seams; memory stays that of one tile, time grows with the number of tiles.")
    boolean tiles;

    @Option(names = "--channels", paramLabel = "R,G,B", split = ",",
            description = "Multi-channel images: the channels (1-based) read as red, green and blue.")
    int[] channels;

    @Option(names = "--complete-method", defaultValue = "align", paramLabel = "M",
            description = "Images with known depths beside them (<name>.sparse.tif or <name>.points.csv, as 'complete'"
                    + " reads them) are completed to <name>-completed.tif: align or guided (default: ${DEFAULT-VALUE}).")
    String completeMethod;

    @Option(names = "--complete-space", defaultValue = "log", paramLabel = "S",
            description = "Completion: fit scale and shift in log, disparity or linear depth (default: ${DEFAULT-VALUE}).")
    String completeSpace;

    @Option(names = "--complete-robust", defaultValue = "0", paramLabel = "ERR",
            description = "Completion: robust fit with inliers within this relative depth error; 0 = least squares"
                    + " (default: ${DEFAULT-VALUE}).")
    double completeRobust;

    /**
     * @return how images with known depths are completed
     * @throws IllegalArgumentException naming a bad method, space or threshold
     */
    BatchCompletion completion() {
        return new BatchCompletion(CompletionMethod.parse(completeMethod), CompletionOptions.parseSpace(completeSpace),
                completeRobust);
    }

    /**
     * @return the estimate options these flags give
     * @throws IllegalArgumentException naming a bad combination
     */
    EstimateOptions options() {
        DepthOutput type = OutputTypes.parse(outputType);
        if (invert) {
            if (type != DepthOutput.DEPTH && type != DepthOutput.INVERTED_DEPTH) {
                throw new IllegalArgumentException("--invert applies to the depth output only");
            }
            type = DepthOutput.INVERTED_DEPTH;
        }
        int[] rgb = null;
        if (channels != null) {
            if (channels.length != 3) {
                throw new IllegalArgumentException("--channels takes three channels, red, green and blue, counted from"
                        + " 1: e.g. --channels 1,2,3, or 2,2,2 for gray from channel 2");
            }
            for (int c : channels) {
                if (c < 1) {
                    throw new IllegalArgumentException("--channels counts from 1, so " + c + " is no channel: e.g."
                            + " --channels 1,2,3");
                }
            }
            rgb = Arrays.stream(channels).map(c -> c - 1).toArray();
        }
        return new EstimateOptions(sampling.sampling(), sampling.processingRes, type, uncertainty, members, temporal,
                rgb, tiles ? EstimateOptions.tileSizeFor(sampling.processingRes) : 0);
    }
}
