package org.depthfm.ops.completion;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.depthfm.ops.Checks;

/**
 * How well a dense depth map meets known points: the residual at a point is the map's value at
 * its pixel minus the known depth, in the depth's unit.
 *
 * @param count the number of points
 * @param rmse the root mean square residual (NaN without points)
 * @param mae the mean absolute residual (NaN without points)
 * @param bias the mean residual, positive where the map is too far (NaN without points)
 */
public record Residuals(int count, double rmse, double mae, double bias) {

    /**
     * The residual at every point.
     *
     * @param <T> the map's pixel type
     * @param depth the dense depth, a 2D (X, Y) image (any minimum) that holds the points
     * @param points the known points
     * @return one residual per point, in the points' order (NaN where the map is NaN)
     * @throws IllegalArgumentException if the map is not 2D or a point lies outside it
     */
    public static <T extends RealType<T>> double[] each(RandomAccessibleInterval<T> depth, KnownPoints points) {
        Checks.requirePlane("the depth map", depth);
        points.requireInside(depth.dimension(0), depth.dimension(1));
        int[] x = points.x();
        int[] y = points.y();
        double[] known = points.depth();
        double[] r = new double[known.length];
        RandomAccess<T> a = depth.randomAccess();
        for (int i = 0; i < r.length; i++) {
            a.setPosition(depth.min(0) + x[i], 0);
            a.setPosition(depth.min(1) + y[i], 1);
            r[i] = a.get().getRealDouble() - known[i];
        }
        return r;
    }

    /**
     * The summary of the residuals at the points.
     *
     * @param <T> the map's pixel type
     * @param depth the dense depth, a 2D (X, Y) image (any minimum) that holds the points
     * @param points the known points (none gives NaN statistics)
     * @return the count, RMSE, MAE and bias
     * @throws IllegalArgumentException if the map is not 2D or a point lies outside it
     */
    public static <T extends RealType<T>> Residuals of(RandomAccessibleInterval<T> depth, KnownPoints points) {
        double[] r = each(depth, points);
        double sum = 0;
        double abs = 0;
        double squares = 0;
        for (double v : r) {
            sum += v;
            abs += Math.abs(v);
            squares += v * v;
        }
        int n = r.length;
        return new Residuals(n, Math.sqrt(squares / n), abs / n, sum / n);
    }
}
