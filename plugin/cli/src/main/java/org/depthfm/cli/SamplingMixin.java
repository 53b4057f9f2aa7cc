package org.depthfm.cli;

import org.depthfm.base.Defaults;
import org.depthfm.engine.flow.Sampling;
import picocli.CommandLine.Option;

/** How the flow is sampled, shared by the commands that predict depth. */
final class SamplingMixin {
    @Option(names = "--steps", defaultValue = Defaults.STEPS_TEXT, paramLabel = "N",
            description = "Euler steps, i.e. network evaluations, " + Defaults.STEPS_MIN_TEXT + " to "
                    + Defaults.STEPS_MAX_TEXT + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--ensemble", defaultValue = Defaults.ENSEMBLE_TEXT, paramLabel = "N",
            description = "Ensemble members per image, " + Defaults.ENSEMBLE_MIN_TEXT + " to "
                    + Defaults.ENSEMBLE_MAX_TEXT + " (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--seed", defaultValue = Defaults.SEED_TEXT, paramLabel = "S",
            description = "Noise seed; in a batch each file's seed comes from this and its relative path"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--processing-res", defaultValue = Defaults.PROCESSING_SIZE_TEXT, paramLabel = "PX",
            description = "The longest side the network sees: a larger image is reduced to about this (rounded to"
                    + " the network's multiple) and its depth resized back, a smaller one runs at its own size;"
                    + " 0 = always the original size, the official default (default: ${DEFAULT-VALUE}).")
    int processingRes;

    /** @return the sampling these options give, with the checkpoint's noising step and automatic member batches */
    Sampling sampling() {
        return new Sampling(steps, ensemble, seed, -1, 0);
    }
}
