package org.depthfm.engine.flow;

import java.io.Serializable;
import org.depthfm.base.Defaults;

/**
 * How one prediction runs.
 *
 * @param steps Euler steps (NFE); the official default is 2, the paper evaluates 1, 2, 4, 10
 * @param ensembleSize members per image, differing only in their noise; the official default is 4
 * @param seed seed of the noise augmentation
 * @param noisingStep the noise augmentation's step (of 1000), or -1 for the checkpoint's own
 * @param memberBatch how many members go through the UNet together (0: all at once)
 */
public record Sampling(int steps, int ensembleSize, long seed, int noisingStep, int memberBatch) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The official defaults of {@code inference.py} ({@link Defaults}): 2 steps, 4 members. */
    public static final Sampling DEFAULT = new Sampling(Defaults.STEPS, Defaults.ENSEMBLE, Defaults.SEED, -1, 0);

    /**
     * @throws IllegalArgumentException naming the bad value and its limits ({@link Defaults})
     */
    public Sampling {
        Defaults.steps(steps);
        Defaults.ensemble(ensembleSize);
        if (noisingStep < -1 || noisingStep >= 1000) {
            throw new IllegalArgumentException("the noising step must be in 0..999 (or -1 for the checkpoint's), not "
                    + noisingStep);
        }
        if (memberBatch < 0) {
            throw new IllegalArgumentException("the member batch must be 0 (all) or positive, not " + memberBatch);
        }
    }

    /** @param ensembleSize members @return a copy with that ensemble size */
    public Sampling withEnsembleSize(int ensembleSize) {
        return new Sampling(steps, ensembleSize, seed, noisingStep, memberBatch);
    }

    /** @param seed the seed @return a copy with that seed */
    public Sampling withSeed(long seed) {
        return new Sampling(steps, ensembleSize, seed, noisingStep, memberBatch);
    }

}
