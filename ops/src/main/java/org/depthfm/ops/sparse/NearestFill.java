package org.depthfm.ops.sparse;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.depthfm.ops.Checks;

/**
 * Nearest-neighbour filling of sparse values (the paper's completion input: "we first create a
 * dense representation via nearest-neighbor interpolation"): each pixel takes the value of its
 * nearest known pixel in Euclidean distance, found with {@link DistanceTransform}'s method in linear
 * time. Among equally near known pixels one is chosen. A known pixel's value is copied as it is, so
 * a NaN marked known fills its whole cell; {@link #knownPixels} never marks NaN. Inputs are never
 * modified.
 */
public final class NearestFill {
    private NearestFill() {
    }

    /**
     * The usual mask of sparse depth: pixels with a finite value above 0 (0 meaning "no measurement").
     *
     * @param <T> the pixel type
     * @param sparse the sparse depth
     * @return a view, true where the depth is known
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<BitType> knownPixels(
            RandomAccessibleInterval<T> sparse) {
        return Converters.convert2(sparse, (v, known) -> {
            double d = v.getRealDouble();
            known.set(Double.isFinite(d) && d > 0);
        }, BitType::new);
    }

    /**
     * Fills every pixel with its nearest known pixel's value.
     *
     * @param <T> the values' pixel type
     * @param <B> the mask's pixel type
     * @param sparse the values, read at known pixels only, a 2D (X, Y) image
     * @param known true at known pixels, same size
     * @param target the filled values, same size (any minimum)
     * @throws IllegalArgumentException if the images are not 2D, differ in size, or no pixel is known
     */
    public static <T extends RealType<T>, B extends BooleanType<B>> void fill(RandomAccessibleInterval<T> sparse,
            RandomAccessibleInterval<B> known, RandomAccessibleInterval<FloatType> target) {
        Checks.requireSameSize("the sparse values", sparse, "the known-pixel mask", known);
        Checks.requireSameSize("the sparse values", sparse, "the target", target);
        RandomAccess<T> values = sparse.randomAccess();
        NearestKnown.of(known).forEach(target, (out, x, y, nx, ny) -> {
            values.setPosition(sparse.min(0) + nx, 0);
            values.setPosition(sparse.min(1) + ny, 1);
            out.setReal(values.get().getRealDouble());
        });
    }

    /**
     * Fills every pixel with its nearest known pixel's value, into a new image.
     *
     * @param <T> the values' pixel type
     * @param <B> the mask's pixel type
     * @param sparse the values, read at known pixels only, a 2D (X, Y) image
     * @param known true at known pixels, same size
     * @return the filled values, same size
     * @throws IllegalArgumentException if the images are not 2D, differ in size, or no pixel is known
     */
    public static <T extends RealType<T>, B extends BooleanType<B>> RandomAccessibleInterval<FloatType> fill(
            RandomAccessibleInterval<T> sparse, RandomAccessibleInterval<B> known) {
        RandomAccessibleInterval<FloatType> filled = ArrayImgs.floats(sparse.dimensionsAsLongArray());
        fill(sparse, known, filled);
        return filled;
    }
}
