package org.depthfm.pipeline;

import java.io.Serializable;
import org.depthfm.base.Defaults;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.ops.depth.DepthOutput;

/**
 * Everything that shapes one estimate run, whoever starts it (Fiji command, macro, script, the
 * command line, a cluster job).
 *
 * @param sampling Euler steps, ensemble size, seed (the official defaults: 2 steps, 4 members)
 * @param processingRes the longest side the network sees: a larger image is reduced to it (then
 *     rounded to the network's size multiple) and its depth resized back; a smaller one runs at its
 *     own size; 0 for always the original size (the official default)
 * @param output what the depth map holds (the official output is {@link DepthOutput#DEPTH})
 * @param uncertainty also compute the ensemble uncertainty map
 * @param members also return every ensemble member's map
 * @param temporal align each frame of a stack to the previous one (scale and shift)
 * @param rgbChannels the three channels (0-based) read as red, green and blue of a multi-channel
 *     image, or null for the automatic rule (RGB colour, or gray replicated; other counts ask for this)
 * @param tileSize 0, or tiled refinement at full resolution with tiles of this size (pixels) over a
 *     global pass at the processing size
 */
public record EstimateOptions(Sampling sampling, int processingRes, DepthOutput output, boolean uncertainty,
        boolean members, boolean temporal, int[] rgbChannels, int tileSize) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The defaults ({@link Defaults}): 2 steps, 4 members, seed 0, the default processing size, depth only, no tiles. */
    public static final EstimateOptions DEFAULT = new EstimateOptions(Sampling.DEFAULT, Defaults.PROCESSING_SIZE,
            DepthOutput.DEPTH, false, false, false, null, 0);

    /**
     * @throws IllegalArgumentException naming the bad value
     */
    public EstimateOptions {
        if (processingRes < 0) {
            throw new IllegalArgumentException("the processing resolution must be 0 (original size) or positive");
        }
        if (tileSize < 0 || tileSize > 0 && tileSize < Defaults.TILE_SIZE_MIN) {
            throw new IllegalArgumentException("the tile size must be 0 (no tiles) or at least " + Defaults.TILE_SIZE_MIN
                    + " pixels, not " + tileSize);
        }
        if (rgbChannels != null && rgbChannels.length != 3) {
            throw new IllegalArgumentException("give three channels (red, green, blue), e.g. 1,2,3");
        }
        rgbChannels = rgbChannels == null ? null : rgbChannels.clone();
    }

    /**
     * The tiles of tiled refinement (--tiles, Fiji's Detail) are as large as the processing size,
     * so each tile runs at the size the global pass does.
     *
     * @param processingRes the processing size, 0 for the original size
     * @return the tile size: the processing size (at least {@link Defaults#TILE_SIZE_MIN}), or
     *     {@link Defaults#PROCESSING_SIZE} where images run at their original size
     */
    public static int tileSizeFor(int processingRes) {
        return processingRes > 0 ? Math.max(processingRes, Defaults.TILE_SIZE_MIN) : Defaults.PROCESSING_SIZE;
    }

    /** @param seed the seed @return a copy whose sampling has that seed */
    public EstimateOptions withSeed(long seed) {
        return new EstimateOptions(sampling.withSeed(seed), processingRes, output, uncertainty, members, temporal,
                rgbChannels, tileSize);
    }
}
