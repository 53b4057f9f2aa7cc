package org.depthfm.fiji;

/** Dialog labels and defaults of the DepthFM commands, in one place (StarDist's {@code Opt} pattern). */
final class Labels {
    static final String STEPS = "Euler steps (NFE)";
    static final String ENSEMBLE = "Ensemble size";
    static final String PROCESSING_RES = "Processing resolution (longest side, px; 0 = original)";
    static final String DETAIL = "Detail (tiles at full resolution)";
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
    static final String SOURCE = "Known depths from";
    static final String SPARSE = "Sparse depth image (0 or NaN = unknown)";
    static final String POINTS_CSV = "Points CSV file (x,y,depth)";
    static final String POINTS_TABLE = "Points table (with the image's multi-point selection)";
    static final String POINTS_COLUMN = "Depth column of the points table";
    static final String METHOD = "Completion method";
    static final String SPACE = "Fit space";
    static final String INLIER_THRESHOLD = "Robust fit: inlier error (0 = least squares)";
    static final String ITERATIONS = "Guided: gradient steps per Euler step";
    static final String LEARNING_RATE = "Guided: learning rate";
    static final String HELD_OUT = "Share of points held out to measure the error";
    static final String UNIT = "Depth unit (empty = the sparse image's)";
    static final String RESIDUAL_TABLE = "Table of the residual at every point";


    static final String OUTPUT_DEPTH = "depth";
    static final String OUTPUT_INVERTED = "inverted";
    static final String OUTPUT_DISPARITY = "disparity";
    static final String OUTPUT_LOG = "log-depth";

    private Labels() {
    }
}
