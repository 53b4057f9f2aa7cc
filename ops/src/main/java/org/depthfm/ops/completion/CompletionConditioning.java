package org.depthfm.ops.completion;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;
import org.depthfm.ops.sparse.DistanceTransform;
import org.depthfm.ops.sparse.NearestFill;

/**
 * The extra inputs of the paper's depth-completion model (appendix, "Training Details of the Depth
 * Completion Model"), made dense and normalised to about [-1, 1] for the VAE:
 *
 * <ul>
 *   <li><b>Filled depth</b>: every pixel takes its nearest known pixel's depth ({@link NearestFill}),
 *       normalised as DepthFM's training depth (paper Eq. 6) in log space:
 *       {@code ((ln d - ln d2) / (ln d98 - ln d2) - 0.5) * 2}, with {@code d2} and {@code d98} the
 *       2nd and 98th percentiles of the known depths (each point counted once, numpy's linear
 *       interpolation; the minimum and maximum where those two coincide). Not clipped, as Eq. 6.</li>
 *   <li><b>Distance</b>: every pixel's Euclidean distance in pixels to the nearest known pixel
 *       ({@link DistanceTransform}), as {@code (distance / largest distance - 0.5) * 2}: -1 at the
 *       known pixels, 1 at the farthest pixel; -1 everywhere when every pixel is known.</li>
 * </ul>
 *
 * <p>No completion checkpoint has been published, so these choices (percentiles over the points,
 * the distance scaled by its maximum) are ours where the paper says only "normalised"; a checkpoint
 * trained otherwise needs its own normalisation here. Inputs are never modified.
 */
public final class CompletionConditioning {
    private static final double LOW_PERCENTILE = 2;
    private static final double HIGH_PERCENTILE = 98;

    private CompletionConditioning() {
    }

    /**
     * The nearest-filled, normalised log-depth.
     *
     * @param points the known points, at least two at different depths
     * @param target the filled map, a 2D (X, Y) image holding every point (any minimum)
     * @throws IllegalArgumentException if the target is not 2D, a point lies outside it, or the
     *         points cannot be normalised (see {@link KnownPoints#requireFittable()})
     */
    public static void filledLogDepth(KnownPoints points, RandomAccessibleInterval<FloatType> target) {
        Checks.requirePlane("the filled depth", target);
        points.requireFittable();
        double[] logs = Arrays.stream(points.depth()).map(Math::log).sorted().toArray();
        double low = percentile(logs, LOW_PERCENTILE);
        double high = percentile(logs, HIGH_PERCENTILE);
        if (!(high > low)) {
            low = logs[0];
            high = logs[logs.length - 1];
        }
        RandomAccessibleInterval<FloatType> sparse = points.toImage(target.dimension(0), target.dimension(1));
        NearestFill.fill(sparse, NearestFill.knownPixels(sparse), target);
        double lo = low;
        double range = high - low;
        for (FloatType t : Views.iterable(target)) {
            t.setReal(((Math.log(t.getRealDouble()) - lo) / range - 0.5) * 2);
        }
    }

    /**
     * The normalised distance to the nearest known pixel.
     *
     * @param points the known points, at least one
     * @param target the distance map, a 2D (X, Y) image holding every point (any minimum)
     * @throws IllegalArgumentException if the target is not 2D, a point lies outside it, or there
     *         is no point
     */
    public static void distance(KnownPoints points, RandomAccessibleInterval<FloatType> target) {
        Checks.requirePlane("the distance map", target);
        RandomAccessibleInterval<FloatType> sparse = points.toImage(target.dimension(0), target.dimension(1));
        DistanceTransform.euclidean(NearestFill.knownPixels(sparse), target);
        double largest = 0;
        for (FloatType t : Views.iterable(target)) {
            largest = Math.max(largest, t.getRealDouble());
        }
        double scale = largest > 0 ? largest : 1;
        for (FloatType t : Views.iterable(target)) {
            t.setReal((t.getRealDouble() / scale - 0.5) * 2);
        }
    }

    /**
     * Both maps, stacked as the model takes them: filled depth, then distance.
     *
     * @param points the known points, at least two at different depths
     * @param width the image's width
     * @param height the image's height
     * @return a new (width, height, 2) image
     * @throws IllegalArgumentException as {@link #filledLogDepth} and {@link #distance}
     */
    public static RandomAccessibleInterval<FloatType> maps(KnownPoints points, long width, long height) {
        RandomAccessibleInterval<FloatType> maps = ArrayImgs.floats(width, height, 2);
        filledLogDepth(points, Views.hyperSlice(maps, 2, 0));
        distance(points, Views.hyperSlice(maps, 2, 1));
        return maps;
    }

    /** numpy's default percentile: linear interpolation between the sorted values' closest ranks. */
    private static double percentile(double[] sorted, double q) {
        double rank = q / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
