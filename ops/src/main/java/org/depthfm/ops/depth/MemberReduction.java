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

import org.depthfm.ops.Checks;

/** Reduces a members stack {@code (X, Y, E)} to one value per pixel, members read pixel by pixel. */
final class MemberReduction {
    private MemberReduction() {
    }

    /**
     * @param members the stack, members along the last axis
     * @param target one value per pixel; its interval is the one computed (the members stack is
     *        read at the same offset from its own minimum)
     * @param map applied to each member value first
     * @param statistic the reduction of the mapped values of one pixel
     */
    static <T extends RealType<T>> void reduce(RandomAccessibleInterval<T> members,
            RandomAccessibleInterval<FloatType> target, DoubleUnaryOperator map,
            ToDoubleFunction<double[]> statistic) {
        int last = members.numDimensions() - 1;
        long[] planeSize = Arrays.copyOf(members.dimensionsAsLongArray(), last);
        if (last < 1 || !Arrays.equals(planeSize, target.dimensionsAsLongArray())) {
            throw new IllegalArgumentException("members " + Checks.size(members) + " and output " + Checks.size(target)
                    + " do not match: the members stack must be the output's axes plus a last members axis");
        }
        double[] values = new double[Math.toIntExact(members.dimension(last))];
        RandomAccess<T> in = members.randomAccess();
        for (Cursor<FloatType> out = target.localizingCursor(); out.hasNext();) {
            FloatType t = out.next();
            for (int d = 0; d < last; d++) {
                in.setPosition(out.getLongPosition(d) - target.min(d) + members.min(d), d);
            }
            in.setPosition(members.min(last), last);
            for (int e = 0; e < values.length; e++) {
                values[e] = map.applyAsDouble(in.get().getRealDouble());
                in.fwd(last);
            }
            t.setReal(statistic.applyAsDouble(values));
        }
    }

    /** @return a new float image of the members stack's size without its last axis */
    static RandomAccessibleInterval<FloatType> plane(RandomAccessibleInterval<?> members) {
        if (members.numDimensions() < 2) {
            throw new IllegalArgumentException("a members stack needs pixel axes and a last members axis, not "
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
