package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.base.Progress;

/**
 * The engine's image boundary for depth completion, as {@link DepthPredictor} is for estimation:
 * ImgLib2 images in, ImgLib2 depth maps out, all native memory in a sub-manager closed before
 * returning.
 */
public final class CompletionPredictor {
    private static final int CONDITIONING_CHANNELS = 2;

    private CompletionPredictor() {
    }

    /**
     * Predicts depth for one image with {@link DepthSampler#complete}.
     *
     * @param <T> the image's pixel type
     * @param model the model
     * @param rgb (W, H, 3) values in [-1, 1]; W and H multiples of {@link DepthFM#sizeMultiple()}
     * @param conditioning (W, H, 2) the normalised nearest-filled log-depth and distance map for a
     *     completion model, or null for a plain one
     * @param sampling steps, ensemble size, seed
     * @param guidance the known points at (W, H) and the optimiser settings, or null
     * @param progress one update per member and Euler step, cancellation between them
     * @return the members and their mean, at (W, H)
     * @throws IllegalArgumentException if the images have the wrong shape, hold NaN or infinite
     *     values, or do not fit the model
     */
    public static <T extends RealType<T>> Prediction predict(DepthFM model, RandomAccessibleInterval<T> rgb,
            RandomAccessibleInterval<FloatType> conditioning, Sampling sampling, Guidance guidance, Progress progress) {
        if (rgb.numDimensions() != 3 || rgb.dimension(2) != 3) {
            throw new IllegalArgumentException("the engine takes (width, height, 3) RGB images");
        }
        if (conditioning != null && (conditioning.numDimensions() != 3 || conditioning.dimension(0) != rgb.dimension(0)
                || conditioning.dimension(1) != rgb.dimension(1) || conditioning.dimension(2) != CONDITIONING_CHANNELS)) {
            throw new IllegalArgumentException("the conditioning must be (width, height, 2) at the image's size");
        }
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray image = DepthPredictor.tensor(manager, rgb);
            NDArray maps = conditioning == null ? null : DepthPredictor.tensor(manager, conditioning);
            return DepthPredictor.prediction(DepthSampler.complete(model, image, maps, sampling, guidance, progress));
        }
    }
}
