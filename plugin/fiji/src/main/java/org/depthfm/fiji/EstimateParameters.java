package org.depthfm.fiji;

import org.depthfm.base.Defaults;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.pipeline.EstimateOptions;
import org.scijava.plugin.Parameter;

/**
 * The estimate options shared by the single-image and the folder commands, as SciJava parameters
 * (whose names are the macro keys; {@code persist = false} so that a macro that leaves a key out
 * gets the default, not the last value used).
 */
abstract class EstimateParameters extends ModelParameters {
    @Parameter(label = Labels.STEPS, min = Defaults.STEPS_MIN_TEXT, max = Defaults.STEPS_MAX_TEXT, persist = false)
    int steps = Defaults.STEPS;

    @Parameter(label = Labels.ENSEMBLE, min = Defaults.ENSEMBLE_MIN_TEXT, max = Defaults.ENSEMBLE_MAX_TEXT,
            persist = false)
    int ensemble_size = Defaults.ENSEMBLE;

    @Parameter(label = Labels.PROCESSING_RES, min = "0", persist = false)
    int processing_res = Defaults.PROCESSING_SIZE;

    @Parameter(label = Labels.SEED, persist = false)
    long seed = Defaults.SEED;

    @Parameter(label = Labels.OUTPUT, choices = {Labels.OUTPUT_DEPTH, Labels.OUTPUT_INVERTED, Labels.OUTPUT_DISPARITY,
            Labels.OUTPUT_LOG}, persist = false)
    String output = Labels.OUTPUT_DEPTH;

    @Parameter(label = Labels.UNCERTAINTY, persist = false)
    boolean uncertainty = false;

    @Parameter(label = Labels.MEMBERS, persist = false)
    boolean members = false;

    @Parameter(label = Labels.TEMPORAL, persist = false)
    boolean temporal = false;

    @Parameter(label = Labels.CHANNELS, required = false, persist = false)
    String channels = "";

    @Parameter(label = Labels.DETAIL, persist = false)
    boolean detail = false;

    /** @return the estimate options the parameters give */
    EstimateOptions options() {
        return new EstimateOptions(new Sampling(steps, ensemble_size, seed, -1, 0), processing_res,
                Inputs.output(output), uncertainty, members, temporal, Inputs.channels(channels),
                detail ? EstimateOptions.tileSizeFor(processing_res) : 0);
    }
}
