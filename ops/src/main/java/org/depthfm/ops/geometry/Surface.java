package org.depthfm.ops.geometry;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * The images of one 3D export: the depth and its optional companions, all of the depth's size and
 * read from their own minimum, so pixel {@code (i, j)} is the {@code (i, j)}-th of each. Images are
 * read, never modified.
 *
 * <ul>
 * <li>colour: an {@code (X, Y, C)} image with three channels red, green, blue, in 8-bit values
 * 0..255; other values are clamped to that range, NaN reads as 0. An ImgLib2 {@code ARGBType}
 * image becomes one with {@code Converters.argbChannels(image, 1, 2, 3)}, three separate images
 * with {@link #withColour(RandomAccessibleInterval, RandomAccessibleInterval, RandomAccessibleInterval)}.
 * <li>uncertainty: one scalar per pixel (for example the ensemble's standard deviation), carried
 * to the points and tested against {@link GeometryOptions#maxUncertainty()}.
 * <li>mask: non-zero (NaN included) keeps a pixel, zero drops it ({@code BitType} or any real type).
 * </ul>
 *
 * @param depth the depth, a 2D (X, Y) image
 * @param colour the colour, {@code (X, Y, 3)}, or null
 * @param uncertainty the uncertainty, {@code (X, Y)}, or null
 * @param mask the mask, {@code (X, Y)}, or null
 */
public record Surface(RandomAccessibleInterval<? extends RealType<?>> depth,
        RandomAccessibleInterval<? extends RealType<?>> colour,
        RandomAccessibleInterval<? extends RealType<?>> uncertainty,
        RandomAccessibleInterval<? extends RealType<?>> mask) {

    /**
     * Checks the images' sizes.
     *
     * @param depth the depth, a 2D (X, Y) image
     * @param colour the colour, {@code (X, Y, 3)}, or null
     * @param uncertainty the uncertainty, {@code (X, Y)}, or null
     * @param mask the mask, {@code (X, Y)}, or null
     * @throws IllegalArgumentException if the depth is missing or not 2D, or a companion's size
     *         does not match it
     */
    public Surface {
        if (depth == null) {
            throw new IllegalArgumentException("a surface needs a depth image");
        }
        Checks.requirePlane("the depth", depth);
        if (colour != null && (colour.numDimensions() != 3 || colour.dimension(0) != depth.dimension(0)
                || colour.dimension(1) != depth.dimension(1) || colour.dimension(2) != 3)) {
            throw new IllegalArgumentException("the colour must be an (X, Y, C) image of " + Checks.size(depth)
                    + "x3 but is " + Checks.size(colour) + "; pass red, green and blue as the last axis, or as three "
                    + "images to withColour(red, green, blue)");
        }
        if (uncertainty != null) {
            Checks.requireSameSize("the uncertainty", uncertainty, "the depth", depth);
        }
        if (mask != null) {
            Checks.requireSameSize("the mask", mask, "the depth", depth);
        }
    }

    /**
     * A depth image alone.
     *
     * @param depth the depth, a 2D (X, Y) image
     * @return the surface without colour, uncertainty or mask
     * @throws IllegalArgumentException if the depth is not 2D
     */
    public static Surface of(RandomAccessibleInterval<? extends RealType<?>> depth) {
        return new Surface(depth, null, null, null);
    }

    /**
     * The same surface with colour from one image.
     *
     * @param rgb red, green and blue along the last axis, {@code (X, Y, 3)}
     * @return the new surface
     * @throws IllegalArgumentException if the size does not match the depth
     */
    public Surface withColour(RandomAccessibleInterval<? extends RealType<?>> rgb) {
        return new Surface(depth, rgb, uncertainty, mask);
    }

    /**
     * The same surface with colour from three images.
     *
     * @param <T> the channels' pixel type
     * @param red the red channel, the depth's size
     * @param green the green channel
     * @param blue the blue channel
     * @return the new surface
     * @throws IllegalArgumentException if a size does not match the depth
     */
    public <T extends RealType<T>> Surface withColour(RandomAccessibleInterval<T> red,
            RandomAccessibleInterval<T> green, RandomAccessibleInterval<T> blue) {
        Checks.requireSameSize("the red channel", red, "the depth", depth);
        Checks.requireSameSize("the green channel", green, "the depth", depth);
        Checks.requireSameSize("the blue channel", blue, "the depth", depth);
        return withColour(Views.stack(Views.zeroMin(red), Views.zeroMin(green), Views.zeroMin(blue)));
    }

    /**
     * The same surface with an uncertainty.
     *
     * @param perPixel the uncertainty, the depth's size
     * @return the new surface
     * @throws IllegalArgumentException if the size does not match the depth
     */
    public Surface withUncertainty(RandomAccessibleInterval<? extends RealType<?>> perPixel) {
        return new Surface(depth, colour, perPixel, mask);
    }

    /**
     * The same surface with a mask.
     *
     * @param keep non-zero where pixels are kept, the depth's size
     * @return the new surface
     * @throws IllegalArgumentException if the size does not match the depth
     */
    public Surface withMask(RandomAccessibleInterval<? extends RealType<?>> keep) {
        return new Surface(depth, colour, uncertainty, keep);
    }
}
