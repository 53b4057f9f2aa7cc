package org.depthfm.fiji;

/**
 * Dialog labels, tooltips (a parameter's {@code description}, which Fiji shows when the pointer
 * rests on the label) and choices of the DepthFM commands, in one place (StarDist's {@code Opt}
 * pattern).
 */
final class Labels {
    static final String IMAGE = "Image";
    static final String IMAGE_HELP = "The image, stack or hyperstack (every Z and T plane is a frame); a macro names it"
            + " by title (image=[title]), else the active image";
    static final String STEPS = "Euler steps (NFE)";
    static final String STEPS_HELP = "Steps of the flow from noise to depth, one network evaluation each: 2 is the"
            + " official default, the paper evaluates 1 to 10";
    static final String ENSEMBLE = "Ensemble size";
    static final String ENSEMBLE_HELP = "Predictions from different noise, averaged: more members give a steadier depth"
            + " and the uncertainty map; the time grows with the members";
    static final String PROCESSING_RES = "Processing resolution (longest side, px; 0 = original)";
    static final String PROCESSING_HELP = "The longest side the network sees: a larger image is reduced to it and its"
            + " depth resized back, a smaller one runs at its own size; 0 keeps every image's size. Smaller is faster"
            + " and needs less memory";
    static final String DETAIL = "Detail (tiles at full resolution)";
    static final String DETAIL_HELP = "After a pass at the processing size, overlapping tiles of that size at the"
            + " image's own resolution, aligned to it and blended without seams: more detail, in the memory of one"
            + " tile; the time grows with the number of tiles";
    static final String SEED = "Noise seed";
    static final String SEED_HELP = "The seed of the starting noise: the same seed and settings give the same depth";
    static final String OUTPUT = "Depth output";
    static final String OUTPUT_HELP = "depth: 0 near, 1 far (the official output); inverted: 1 - depth; disparity:"
            + " 1/depth scaled to 0-1 (near bright); log-depth: the network's log-depth, not scaled";
    static final String UNCERTAINTY = "Uncertainty map";
    static final String UNCERTAINTY_HELP = "Also the members' spread at every pixel, as a fraction of the depth range"
            + " (needs an ensemble of 2 or more)";
    static final String MEMBERS = "Ensemble members";
    static final String MEMBERS_HELP = "Also every member's depth, one channel each";
    static final String TEMPORAL = "Temporal alignment (stacks)";
    static final String TEMPORAL_HELP = "For stacks and videos: each frame's scale and shift fitted to the previous"
            + " frame, against flicker";
    static final String CHANNELS = "RGB channels (e.g. 1,2,3; empty = automatic)";
    static final String CHANNELS_HELP = "The three channels that are red, green and blue, for images of other than 1"
            + " or 3 channels; empty: gray is replicated, three channels are R, G, B";
    static final String MODEL_DIR = "Model folder (empty = depthfm-v1 from the cache)";
    static final String MODEL_DIR_HELP = "A folder that holds a DepthFM checkpoint (.ckpt) and vae/; empty: depthfm-v1"
            + " from the model cache, downloaded on first use (Manage DepthFM Models)";
    static final String DEVICE = "Device";
    static final String DEVICE_HELP = "auto: the first CUDA GPU when libtorch has CUDA, else the CPU";
    static final String PRECISION = "Precision";
    static final String PRECISION_HELP = "auto: half precision on a GPU (the official default), float32 on the CPU;"
            + " fp16 needs a GPU";
    static final String ATTENTION = "Attention";
    static final String ATTENTION_HELP = "The attention numerics of the official code: xformers (its CUDA set-up) or"
            + " sdpa (its fallback when xformers is missing); they differ slightly";
    /** The header of the model and engine settings, below the choices most runs make. */
    static final String ADVANCED = "<html><b>Advanced: model and engine</b> (the defaults suit most runs)";
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
