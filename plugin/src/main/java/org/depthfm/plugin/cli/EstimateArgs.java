package org.depthfm.plugin.cli;

import java.util.Arrays;
import org.depthfm.model.flow.Sampling;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.plugin.pipeline.EstimateOptions;
import picocli.CommandLine.Option;

/** The options that shape each depth map, shared by {@code estimate} and {@code spark}. */
final class EstimateArgs {
    @Option(names = "--steps", defaultValue = "2", paramLabel = "N", description = "Euler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--ensemble", defaultValue = "4", paramLabel = "N",
            description = "Ensemble members per image (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--processing-res", defaultValue = "0", paramLabel = "PX",
            description = "Resize the longer side to about this before estimating (rounded to the network's"
                    + " multiple); 0 = the original size, the official default (default: ${DEFAULT-VALUE}).")
    int processingRes;

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
        return new EstimateOptions(new Sampling(steps, ensemble, seed, -1, 0), processingRes, type, uncertainty, members,
                temporal, rgb);
    }
}
