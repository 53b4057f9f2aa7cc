package org.depthfm.ops.sparse;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.real.FloatType;

import org.depthfm.ops.Checks;

/**
 * The exact Euclidean distance transform: each pixel's distance, in pixels, to the nearest known
 * pixel, {@code min over known p' of ||p' - p||_2} (0 at known pixels). The paper's depth-completion
 * model represents the sparse-depth mask this way. Felzenszwalb and Huttenlocher's separable
 * method: linear time, 4 bytes per pixel of scratch. The mask is read, never modified; it has no
 * NaN to treat.
 */
public final class DistanceTransform {
    private DistanceTransform() {
    }

    /**
     * Computes the distance to the nearest known pixel.
     *
     * @param <B> the mask's pixel type
     * @param known true at known pixels, a 2D (X, Y) image
     * @param target the distance, same size as the mask (any minimum)
     * @throws IllegalArgumentException if the mask is not 2D, has no known pixel, or differs in size
     *         from the target
     */
    public static <B extends BooleanType<B>> void euclidean(RandomAccessibleInterval<B> known,
            RandomAccessibleInterval<FloatType> target) {
        Checks.requireSameSize("the known-pixel mask", known, "the target", target);
        NearestKnown.of(known).forEach(target, (out, x, y, nx, ny) -> {
            double dx = x - nx;
            double dy = y - ny;
            out.setReal(Math.sqrt(dx * dx + dy * dy));
        });
    }

    /**
     * Computes the distance to the nearest known pixel into a new image.
     *
     * @param <B> the mask's pixel type
     * @param known true at known pixels, a 2D (X, Y) image
     * @return the distance, same size
     * @throws IllegalArgumentException if the mask is not 2D or has no known pixel
     */
    public static <B extends BooleanType<B>> RandomAccessibleInterval<FloatType> euclidean(
            RandomAccessibleInterval<B> known) {
        RandomAccessibleInterval<FloatType> distance = ArrayImgs.floats(known.dimensionsAsLongArray());
        euclidean(known, distance);
        return distance;
    }
}
