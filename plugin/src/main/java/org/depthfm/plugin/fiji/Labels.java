package org.depthfm.plugin.fiji;

/** Dialog labels and defaults of the DepthFM commands, in one place (StarDist's {@code Opt} pattern). */
final class Labels {
    static final String STEPS = "Euler steps (NFE)";
    static final String ENSEMBLE = "Ensemble size";
    static final String PROCESSING_RES = "Processing resolution (px, 0 = original)";
    static final String SEED = "Noise seed";
    static final String OUTPUT = "Depth output";
    static final String UNCERTAINTY = "Uncertainty map";
    static final String MEMBERS = "Ensemble members";
    static final String TEMPORAL = "Temporal alignment (stacks)";
    static final String CHANNELS = "RGB channels (e.g. 1,2,3; empty = automatic)";
    static final String MODEL_DIR = "Model folder (empty = depthfm-v1 from the cache)";
    static final String DEVICE = "Device";
    static final String PRECISION = "Precision";
    static final String ATTENTION = "Attention";

    static final int DEFAULT_STEPS = 2;
    static final int DEFAULT_ENSEMBLE = 4;

    static final String OUTPUT_DEPTH = "depth";
    static final String OUTPUT_INVERTED = "inverted";
    static final String OUTPUT_DISPARITY = "disparity";
    static final String OUTPUT_LOG = "log-depth";

    private Labels() {
    }
}
