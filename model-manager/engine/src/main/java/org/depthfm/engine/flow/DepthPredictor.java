package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.depthfm.base.Progress;

/**
 * The engine's image boundary: an ImgLib2 RGB image in, ImgLib2 depth maps out. All native
 * memory of a prediction lives in a sub-manager that is closed before returning, so nothing
 * grows over a long batch.
 */
public final class DepthPredictor {
    private DepthPredictor() {
    }

    /**
     * Predicts depth for one image.
     *
     * @param <T> the pixel type
     * @param model the model
     * @param rgb (W, H, 3) values in [-1, 1]; W and H multiples of {@link DepthFM#sizeMultiple()}
     * @param sampling steps, ensemble size, seed
     * @param progress one update per velocity evaluation, cancellation between them
     * @param taps the named intermediates (the benchmark's phase timer), or {@link Trace#NONE}
     * @return the members and their mean, at (W, H)
     * @throws IllegalArgumentException if the image has the wrong shape or holds NaN or infinite values
     */
    public static <T extends RealType<T>> Prediction predict(DepthFM model, RandomAccessibleInterval<T> rgb,
            Sampling sampling, Progress progress, Trace taps) {
        if (rgb.numDimensions() != 3 || rgb.dimension(2) != 3) {
            throw new IllegalArgumentException("the engine takes (width, height, 3) RGB images");
        }
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray image = tensor(manager, rgb);
            return prediction(DepthSampler.sample(model, image, sampling, null, progress, taps));
        }
    }

    /**
     * Copies an ImgLib2 image into a tensor (shared with {@link CompletionPredictor}).
     *
     * @param <T> the pixel type
     * @param manager the manager to create it in
     * @param image (W, H, C)
     * @return (1, C, H, W) float32
     * @throws IllegalArgumentException if the image holds NaN or infinite values
     */
    static <T extends RealType<T>> NDArray tensor(NDManager manager, RandomAccessibleInterval<T> image) {
        int w = (int) image.dimension(0);
        int h = (int) image.dimension(1);
        int c = (int) image.dimension(2);
        ByteBuffer pixels = ByteBuffer.allocateDirect(c * w * h * Float.BYTES).order(ByteOrder.nativeOrder());
        FloatBuffer fb = pixels.asFloatBuffer();
        // flat iteration order (x fastest, then y, then channel) is exactly the (C, H, W) layout
        for (T t : Views.flatIterable(image)) {
            float v = t.getRealFloat();
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the image holds NaN or infinite values; replace them first");
            }
            fb.put(v);
        }
        return manager.create(pixels, new Shape(1, c, h, w), DataType.FLOAT32);
    }

    /** The sampler's result for one image as ImgLib2 images (shared with {@link CompletionPredictor}). */
    static Prediction prediction(DepthSampler.Result r) {
        long[] s = r.members().getShape().getShape();
        int e = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        return new Prediction(ArrayImgs.floats(floats(r.members()), w, h, e),
                ArrayImgs.floats(floats(r.ensembleMean()), w, h));
    }

    private static float[] floats(NDArray a) {
        return a.toDevice(ai.djl.Device.cpu(), false).toFloatArray();
    }
}
