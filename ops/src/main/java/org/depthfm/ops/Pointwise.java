package org.depthfm.ops;

import java.util.function.DoubleUnaryOperator;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A real function applied pixel by pixel into a float image: the one loop behind the ops'
 * pointwise maps ({@code DepthMaps.map}, {@code Alignment.apply}). NaN goes to the function like
 * any value. The source is never modified.
 */
public final class Pointwise {
    private Pointwise() {
    }

    /**
     * Applies a function into a caller's image.
     *
     * @param <T> the source's pixel type
     * @param source the values, defined at least on the target's interval
     * @param target {@code function(source)}; its interval is the one computed
     * @param function the function, rounded to float on writing
     */
    public static <T extends RealType<T>> void map(RandomAccessible<T> source,
            RandomAccessibleInterval<FloatType> target, DoubleUnaryOperator function) {
        LoopBuilder.setImages(Views.interval(source, target), target)
                .forEachPixel((in, out) -> out.setReal(function.applyAsDouble(in.getRealDouble())));
    }

    /**
     * Applies a function into a new image.
     *
     * @param <T> the source's pixel type
     * @param source the values
     * @param function the function, rounded to float on writing
     * @return {@code function(source)}, same size, zero-based
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> map(RandomAccessibleInterval<T> source,
            DoubleUnaryOperator function) {
        RandomAccessibleInterval<FloatType> target = ArrayImgs.floats(source.dimensionsAsLongArray());
        map(Views.zeroMin(source), target, function);
        return target;
    }
}
