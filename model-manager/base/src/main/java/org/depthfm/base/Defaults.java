package org.depthfm.base;

/**
 * The one source of the defaults and limits that users see: the Fiji dialogs' values and ranges,
 * the command line's defaults, the engine's validation and the generated docs all read these.
 * The {@code *_TEXT} forms are the same numbers as compile-time constant strings, for annotations
 * ({@code @Parameter(max = Defaults.STEPS_MAX_TEXT)}, picocli's {@code defaultValue}).
 */
public final class Defaults {
    /** Euler steps (network evaluations): the official default; the paper evaluates 1, 2, 4 and 10. */
    public static final int STEPS = 2;
    /** The fewest Euler steps. */
    public static final int STEPS_MIN = 1;
    /** The most Euler steps: far past the paper's 10, where the flow's trajectories are straight. */
    public static final int STEPS_MAX = 100;
    /** Ensemble members per image: the official default. */
    public static final int ENSEMBLE = 4;
    /** The fewest members. */
    public static final int ENSEMBLE_MIN = 1;
    /** The most members: the uncertainty's standard error is below 10% from about 50. */
    public static final int ENSEMBLE_MAX = 64;
    /** The noise seed. */
    public static final long SEED = 0;
    /**
     * The processing size: the longest side (pixels) the network sees; larger images are reduced
     * to it and their depth resized back, smaller ones run at their own size (0: always the
     * image's own size, the official default). 768: DepthFM was trained around 384x512 and its
     * authors advise a short side of 384 to 512 (CompVis/depth-fm#7), which 768 on the long side
     * gives for 3:2 and 4:3 photos; Marigold's default is the same. On a 2-core CPU it also keeps a
     * 12-megapixel photo at a few minutes and a few GB (bench/results/large-images.md).
     */
    public static final int PROCESSING_SIZE = 768;
    /** The smallest tile for tiled refinement: the real network's size multiple. */
    public static final int TILE_SIZE_MIN = 64;
    /** Guided completion: gradient steps per Euler step. */
    public static final int GUIDANCE_ITERATIONS = 5;
    /** Guided completion: the most gradient steps per Euler step. */
    public static final int GUIDANCE_ITERATIONS_MAX = 100;
    /** Guided completion: Adam's step size on the ODE state (Marigold-DC's). */
    public static final double GUIDANCE_LEARNING_RATE = 0.05;
    /**
     * 3D export: the horizontal field of view, in degrees, assumed for a photo whose focal length is
     * unknown (no EXIF and none given): between a phone's main camera (about 65-70 degrees) and a
     * normal lens (about 40-55), a round value stated in every file's comment.
     */
    public static final double FIELD_OF_VIEW = 60;

    /** {@link #STEPS} as text. */
    public static final String STEPS_TEXT = "" + STEPS;
    /** {@link #STEPS_MIN} as text. */
    public static final String STEPS_MIN_TEXT = "" + STEPS_MIN;
    /** {@link #STEPS_MAX} as text. */
    public static final String STEPS_MAX_TEXT = "" + STEPS_MAX;
    /** {@link #ENSEMBLE} as text. */
    public static final String ENSEMBLE_TEXT = "" + ENSEMBLE;
    /** {@link #ENSEMBLE_MIN} as text. */
    public static final String ENSEMBLE_MIN_TEXT = "" + ENSEMBLE_MIN;
    /** {@link #ENSEMBLE_MAX} as text. */
    public static final String ENSEMBLE_MAX_TEXT = "" + ENSEMBLE_MAX;
    /** {@link #SEED} as text. */
    public static final String SEED_TEXT = "" + SEED;
    /** {@link #PROCESSING_SIZE} as text. */
    public static final String PROCESSING_SIZE_TEXT = "" + PROCESSING_SIZE;
    /** {@link #GUIDANCE_ITERATIONS} as text. */
    public static final String GUIDANCE_ITERATIONS_TEXT = "" + GUIDANCE_ITERATIONS;
    /** {@link #GUIDANCE_ITERATIONS_MAX} as text. */
    public static final String GUIDANCE_ITERATIONS_MAX_TEXT = "" + GUIDANCE_ITERATIONS_MAX;
    /** {@link #GUIDANCE_LEARNING_RATE} as text. */
    public static final String GUIDANCE_LEARNING_RATE_TEXT = "" + GUIDANCE_LEARNING_RATE;
    /** {@link #FIELD_OF_VIEW} as text. */
    public static final String FIELD_OF_VIEW_TEXT = "" + FIELD_OF_VIEW;

    private Defaults() {
    }

    /**
     * @param steps Euler steps
     * @return {@code steps}
     * @throws IllegalArgumentException naming the limits, if out of them
     */
    public static int steps(int steps) {
        return within("steps", steps, STEPS_MIN, STEPS_MAX);
    }

    /**
     * @param members ensemble members
     * @return {@code members}
     * @throws IllegalArgumentException naming the limits, if out of them
     */
    public static int ensemble(int members) {
        return within("the ensemble size", members, ENSEMBLE_MIN, ENSEMBLE_MAX);
    }

    private static int within(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
