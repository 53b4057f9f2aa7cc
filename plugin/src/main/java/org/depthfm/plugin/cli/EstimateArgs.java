package org.depthfm.plugin.cli;

import java.util.Arrays;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.plugin.pipeline.EstimateOptions;
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

    @Option(names = "--channels", paramLabel = "R,G,B", split = ",",
            description = "Multi-channel images: the channels (1-based) read as red, green and blue.")
    int[] channels;

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
        int[] rgb = channels == null ? null : Arrays.stream(channels).map(c -> c - 1).toArray();
        return new EstimateOptions(sampling.sampling(), sampling.processingRes, type, uncertainty, members, temporal,
                rgb);
    }
}
