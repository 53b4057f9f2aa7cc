package org.depthfm.ops.resample;

import java.util.Arrays;
import java.util.function.BiConsumer;

import net.imglib2.Dimensions;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * PIL's {@code Image.resize(size, Image.BILINEAR)}, which the official DepthFM code uses to bring
 * the image to the processing size and the depth back to the input size.
 *
 * <p>Pixel centres are aligned: output pixel {@code i} sits at input coordinate
 * {@code (i + 0.5) * in / out - 0.5}. The filter is a triangle whose support grows with the shrink
 * factor, so shrinking averages over each output pixel's whole footprint (antialiasing) instead of
 * sampling two pixels; enlarging interpolates between the two nearest pixels. Taps outside the
 * image are dropped and the remaining weights renormalised, so edges are not darkened. PIL
 * resamples X first and then Y, rounding in between; these functions do the same.
 *
 * <p>Axes: X and Y are resized to the target's size; further axes (channels, members, frames) must
 * have the same size in source and target and are resized independently. Source and target may
 * have any minimum. NaN in the source spreads to every target pixel whose filter window (PIL's
 * bounds, which may include a tap of weight 0) covers it. The source is never modified.
 */
public final class PilBilinear {
    private PilBilinear() {
    }

    /**
     * Resizes a real-valued image as PIL does for 32-bit float images (mode {@code "F"}): weights
     * and sums in double, the result of each pass rounded to float32.
     *
     * @param <T> the source pixel type
     * @param source the image to resize, X and Y first
     * @param target the output; its X and Y sizes are the new size, further axes as in the source
     * @throws IllegalArgumentException if the two differ in an axis other than X and Y, or have
     *         fewer than two axes
     */
    public static <T extends RealType<T>> void resize(RandomAccessibleInterval<T> source,
            RandomAccessibleInterval<FloatType> target) {
        resample(source, target, Arithmetic.FLOAT32);
    }

    /**
     * Resizes a real-valued image into a new float image, as {@link #resize(RandomAccessibleInterval,
     * RandomAccessibleInterval)} does.
     *
     * @param <T> the source pixel type
     * @param source the image to resize, X and Y first
     * @param width the new width
     * @param height the new height
     * @return a new image of the new size, further axes as in the source
     * @throws IllegalArgumentException if the new size is not positive or the source has fewer
     *         than two axes
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> resize(
            RandomAccessibleInterval<T> source, long width, long height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the new size must be positive, not " + width + "x" + height);
        }
        if (source.numDimensions() < 2) {
            throw new IllegalArgumentException("the source must have X and Y axes but is " + Checks.size(source));
        }
        long[] size = source.dimensionsAsLongArray();
        size[0] = width;
        size[1] = height;
        RandomAccessibleInterval<FloatType> target = ArrayImgs.floats(size);
        resize(source, target);
        return target;
    }

    /**
     * Resizes an 8-bit image exactly as PIL does for 8-bit images (modes {@code "L"} and
     * {@code "RGB"}, channel by channel): weights in fixed point with 22 fractional bits, each pass
     * rounded and clipped to 0..255. The official code resizes its 8-bit RGB input this way before
     * mapping it to [-1, 1].
     *
     * @param source the image to resize, X and Y first
     * @param target the output; its X and Y sizes are the new size, further axes as in the source
     * @throws IllegalArgumentException if the two differ in an axis other than X and Y, or have
     *         fewer than two axes
     */
    public static void resizeUnsignedByte(RandomAccessibleInterval<UnsignedByteType> source,
            RandomAccessibleInterval<UnsignedByteType> target) {
        resample(source, target, Arithmetic.UINT8);
    }

    /** How PIL computes a pass for each image type. */
    private enum Arithmetic {
        FLOAT32(0) {
            @Override
            double[] weights(AxisWeights axis) {
                return axis.weights;
            }

            @Override
            double round(double sum) {
                return (float) sum;
            }
        },
        UINT8(1 << (AxisWeights.PRECISION_BITS - 1)) {
            @Override
            double[] weights(AxisWeights axis) {
                return axis.fixedPoint();
            }

            @Override
            double round(double sum) {
                // the start value (half a unit) made this floor a rounding; then clip to 0..255
                return Math.min(255, Math.max(0, Math.floor(sum * 0x1p-22)));
            }
        };

        /** the value each sum starts from */
        final double start;

        Arithmetic(double start) {
            this.start = start;
        }

        abstract double[] weights(AxisWeights axis);

        abstract double round(double sum);
    }

    private static <S extends RealType<S>, T extends RealType<T>> void resample(RandomAccessibleInterval<S> source,
            RandomAccessibleInterval<T> target, Arithmetic arithmetic) {
        int n = source.numDimensions();
        if (n < 2 || target.numDimensions() != n) {
            throw new IllegalArgumentException("source and target must have X and Y and the same axes, but are "
                    + Checks.size(source) + " and " + Checks.size(target));
        }
        for (int d = 2; d < n; d++) {
            if (source.dimension(d) != target.dimension(d)) {
                throw new IllegalArgumentException("source " + Checks.size(source) + " and target "
                        + Checks.size(target) + " differ in axis " + d + "; only X and Y are resized");
            }
        }
        forEachPlane(source, target, new Passes<S, T>(arithmetic, source, target));
    }

    private static <S, T> void forEachPlane(RandomAccessibleInterval<S> source, RandomAccessibleInterval<T> target,
            BiConsumer<RandomAccessibleInterval<S>, RandomAccessibleInterval<T>> action) {
        int last = source.numDimensions() - 1;
        if (last < 2) {
            action.accept(source, target);
            return;
        }
        for (long i = 0; i < source.dimension(last); i++) {
            forEachPlane(Views.hyperSlice(source, last, source.min(last) + i),
                    Views.hyperSlice(target, last, target.min(last) + i), action);
        }
    }

    /** The two passes over one XY plane, with weights and buffers shared by all planes. */
    private static final class Passes<S extends RealType<S>, T extends RealType<T>>
            implements BiConsumer<RandomAccessibleInterval<S>, RandomAccessibleInterval<T>> {
        private final Arithmetic arithmetic;
        private final AxisWeights x;
        private final AxisWeights y;
        private final double[] xWeights;
        private final double[] yWeights;
        /** the first and one past the last input row any output row reads (PIL's "ybox") */
        private final int firstRow;
        private final int endRow;
        private final double[] line;
        private final float[] rows;
        private final double[] sums;

        Passes(Arithmetic arithmetic, Dimensions source, Dimensions target) {
            this.arithmetic = arithmetic;
            x = new AxisWeights(Math.toIntExact(source.dimension(0)), Math.toIntExact(target.dimension(0)));
            y = new AxisWeights(Math.toIntExact(source.dimension(1)), Math.toIntExact(target.dimension(1)));
            xWeights = arithmetic.weights(x);
            yWeights = arithmetic.weights(y);
            int last = y.first.length - 1;
            firstRow = y.first[0];
            endRow = y.first[last] + y.count[last];
            line = new double[Math.toIntExact(source.dimension(0))];
            rows = new float[Math.multiplyExact(x.first.length, endRow - firstRow)];
            sums = new double[x.first.length];
        }

        @Override
        public void accept(RandomAccessibleInterval<S> source, RandomAccessibleInterval<T> target) {
            RandomAccess<S> in = source.randomAccess();
            RandomAccess<T> out = target.randomAccess();
            int outWidth = sums.length;
            // horizontal pass into float rows (exact for 8-bit values too)
            for (int row = firstRow; row < endRow; row++) {
                in.setPosition(source.min(0), 0);
                in.setPosition(source.min(1) + row, 1);
                for (int i = 0; i < line.length; i++) {
                    line[i] = in.get().getRealDouble();
                    in.fwd(0);
                }
                int offset = (row - firstRow) * outWidth;
                for (int i = 0; i < outWidth; i++) {
                    double sum = arithmetic.start;
                    int w = i * x.taps;
                    for (int k = 0; k < x.count[i]; k++) {
                        sum += line[x.first[i] + k] * xWeights[w + k];
                    }
                    rows[offset + i] = (float) arithmetic.round(sum);
                }
            }
            // vertical pass, summing whole rows so the buffer is read in order
            for (int j = 0; j < y.first.length; j++) {
                Arrays.fill(sums, arithmetic.start);
                for (int k = 0; k < y.count[j]; k++) {
                    double w = yWeights[j * y.taps + k];
                    int offset = (y.first[j] + k - firstRow) * outWidth;
                    for (int i = 0; i < outWidth; i++) {
                        sums[i] += rows[offset + i] * w;
                    }
                }
                out.setPosition(target.min(0), 0);
                out.setPosition(target.min(1) + j, 1);
                for (int i = 0; i < outWidth; i++) {
                    out.get().setReal(arithmetic.round(sums[i]));
                    out.fwd(0);
                }
            }
        }
    }
}
