package org.depthfm.ops.depth;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * Reduces a members stack {@code (X, Y, E)} to one value per pixel. Works row by row, reading each
 * member's row in order, since the members of one pixel lie a whole plane apart.
 */
final class MemberReduction {
    private MemberReduction() {
    }

    /**
     * @param members the stack, pixel axes then the members axis
     * @param target one value per pixel; its interval is the one computed (the members stack is
     *        read at the same offset from its own minimum)
     * @param map applied to each member value first
     * @param statistic the reduction of the mapped values of one pixel
     */
    static <T extends RealType<T>> void reduce(RandomAccessibleInterval<T> members,
            RandomAccessibleInterval<FloatType> target, DoubleUnaryOperator map,
            ToDoubleFunction<double[]> statistic) {
        int last = members.numDimensions() - 1;
        if (last < 2 || !Arrays.equals(Arrays.copyOf(members.dimensionsAsLongArray(), last),
                target.dimensionsAsLongArray())) {
            throw new IllegalArgumentException("members " + Checks.size(members) + " and output " + Checks.size(target)
                    + " do not match: the members stack must be the output's axes (X, Y, ...) plus a last members "
                    + "axis");
        }
        int width = Math.toIntExact(target.dimension(0));
        double[][] rows = new double[Math.toIntExact(members.dimension(last))][width];
        double[] values = new double[rows.length];
        RandomAccess<T> in = members.randomAccess();
        RandomAccess<FloatType> out = target.randomAccess();
        for (Cursor<FloatType> row = Views.hyperSlice(target, 0, target.min(0)).localizingCursor(); row.hasNext();) {
            row.fwd();
            for (int d = 1; d < last; d++) {
                long offset = row.getLongPosition(d - 1) - target.min(d);
                in.setPosition(members.min(d) + offset, d);
                out.setPosition(target.min(d) + offset, d);
            }
            for (int e = 0; e < rows.length; e++) {
                in.setPosition(members.min(0), 0);
                in.setPosition(members.min(last) + e, last);
                for (int x = 0; x < width; x++) {
                    rows[e][x] = map.applyAsDouble(in.get().getRealDouble());
                    in.fwd(0);
                }
            }
            out.setPosition(target.min(0), 0);
            for (int x = 0; x < width; x++) {
                for (int e = 0; e < rows.length; e++) {
                    values[e] = rows[e][x];
                }
                out.get().setReal(statistic.applyAsDouble(values));
                out.fwd(0);
            }
        }
    }

    /** @return a new float image of the members stack's size without its last axis */
    static RandomAccessibleInterval<FloatType> plane(RandomAccessibleInterval<?> members) {
        if (members.numDimensions() < 3) {
            throw new IllegalArgumentException("a members stack needs X, Y and a last members axis, not "
                    + Checks.size(members));
        }
        return ArrayImgs.floats(Arrays.copyOf(members.dimensionsAsLongArray(), members.numDimensions() - 1));
    }

    /** @return the mean as torch computes it in float32: a running float sum, divided by E in float */
    static double float32Mean(double[] values) {
        float sum = 0;
        for (double v : values) {
            sum += (float) v;
        }
        return sum / values.length;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** @return the population standard deviation (divided by E), from the mean in a second pass */
    static double standardDeviation(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
