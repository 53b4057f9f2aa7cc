package org.depthfm.pipeline;

import java.io.Serializable;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.ops.depth.DepthOutput;

/**
 * Everything that shapes one estimate run, whoever starts it (Fiji command, macro, script, the
 * command line, a cluster job).
 *
 * @param sampling Euler steps, ensemble size, seed (the official defaults: 2 steps, 4 members)
 * @param processingRes the longer side the image is resized to before rounding to the network's
 *     size multiple; 0 for the original size (the official default)
 * @param output what the depth map holds (the official output is {@link DepthOutput#DEPTH})
 * @param uncertainty also compute the ensemble uncertainty map
 * @param members also return every ensemble member's map
 * @param temporal align each frame of a stack to the previous one (scale and shift)
 * @param rgbChannels the three channels (0-based) read as red, green and blue of a multi-channel
 *     image, or null for the automatic rule (RGB colour, or gray replicated; other counts ask for this)
 */
public record EstimateOptions(Sampling sampling, int processingRes, DepthOutput output, boolean uncertainty,
        boolean members, boolean temporal, int[] rgbChannels) implements Serializable {
    private static final long serialVersionUID = 1L;


    /** The official defaults: 2 steps, 4 members, seed 0, original size, depth only. */
    public static final EstimateOptions DEFAULT = new EstimateOptions(Sampling.DEFAULT, 0, DepthOutput.DEPTH, false,
            false, false, null);

    /**
     * @throws IllegalArgumentException naming the bad value
     */
    public EstimateOptions {
        if (processingRes < 0) {
            throw new IllegalArgumentException("the processing resolution must be 0 (original size) or positive");
        }
        if (rgbChannels != null && rgbChannels.length != 3) {
            throw new IllegalArgumentException("give three channels (red, green, blue), e.g. 1,2,3");
        }
        rgbChannels = rgbChannels == null ? null : rgbChannels.clone();
    }

    /** @param seed the seed @return a copy whose sampling has that seed */
    public EstimateOptions withSeed(long seed) {
        return new EstimateOptions(sampling.withSeed(seed), processingRes, output, uncertainty, members, temporal,
                rgbChannels);
    }
}
