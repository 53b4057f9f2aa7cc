package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.depthfm.engine.nn.Scalars;

/**
 * The loss guided completion lowers for one member, as a differentiable function of its decoded
 * log-depth map: read the map at the known points (bilinear taps), fit the points' log-depth to
 * those values by least squares in closed form, map the fit to depth with {@code exp}, and take
 * Marigold-DC's L1 + L2 of the depth errors. The errors are divided by the points' median depth,
 * so the loss, and with it the learning rate, does not depend on the unit.
 *
 * <p>Why a closed-form fit inside the loss: DepthFM's decoder output is affine in log-depth by its
 * training normalisation (paper Eq. 6), so scale and shift are not something the flow should
 * learn; refitting them at every pass leaves the gradient only what an affine map cannot fix (the
 * shape of the depth map), and needs no extra parameters or learning rates.
 */
final class GuidanceLoss implements AutoCloseable {
    /** Keeps the fit's scale finite when the values read at the points are all equal. */
    private static final float VARIANCE_FLOOR = 1e-12f;
    /** The four bilinear taps of every point. */
    private static final int TAPS = 4;

    private final int count;
    /** (4P) flat pixel indices: every point's top-left, top-right, bottom-left, bottom-right neighbour */
    private final NDArray taps;
    /** (4, P) the bilinear weights of the taps */
    private final NDArray weights;
    /** (P) the points' log-depth minus its mean */
    private final NDArray logDepthCentred;
    /** (P) the points' depth divided by their median */
    private final NDArray relativeDepth;
    private final float logDepthMean;
    private final float median;

    /**
     * @param manager where the loss's constant arrays live until {@link #close()}
     * @param guidance the points, at the map's resolution
     * @param width the decoded map's width
     * @param height the decoded map's height
     */
    GuidanceLoss(NDManager manager, Guidance guidance, int width, int height) {
        float[] x = guidance.x();
        float[] y = guidance.y();
        float[] depth = guidance.depth();
        count = depth.length;
        long[] index = new long[TAPS * count];
        float[] weight = new float[TAPS * count];
        for (int p = 0; p < count; p++) {
            float u = Math.min(Math.max(x[p], 0), width - 1);
            float v = Math.min(Math.max(y[p], 0), height - 1);
            int x0 = (int) u;
            int y0 = (int) v;
            int x1 = Math.min(x0 + 1, width - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            float fx = u - x0;
            float fy = v - y0;
            long[] at = {(long) y0 * width + x0, (long) y0 * width + x1, (long) y1 * width + x0, (long) y1 * width + x1};
            float[] w = {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
            for (int k = 0; k < TAPS; k++) {
                index[k * count + p] = at[k];
                weight[k * count + p] = w[k];
            }
        }
        float[] sorted = depth.clone();
        Arrays.sort(sorted);
        median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        float[] logDepth = new float[count];
        float[] relative = new float[count];
        double sum = 0;
        for (int p = 0; p < count; p++) {
            logDepth[p] = (float) Math.log(depth[p]);
            relative[p] = depth[p] / median;
            sum += logDepth[p];
        }
        logDepthMean = (float) (sum / count);
        for (int p = 0; p < count; p++) {
            logDepth[p] -= logDepthMean;
        }
        taps = manager.create(index);
        weights = manager.create(weight, new Shape(TAPS, count));
        logDepthCentred = manager.create(logDepth);
        relativeDepth = manager.create(relative);
    }

    /**
     * @param logDepth (1, H, W) one member's decoded log-depth (the decoder's channel mean)
     * @return the scalar loss
     */
    NDArray of(NDArray logDepth) {
        NDArray atPoints = logDepth.reshape(-1).gather(taps, 0).reshape(TAPS, count).mul(weights).sum(new int[] {0});
        NDArray centred = atPoints.sub(atPoints.mean());
        NDArray scale = centred.mul(logDepthCentred).sum().div(centred.square().sum().add(VARIANCE_FLOOR));
        // exp(s * (m - mean m) + mean log d) = exp(s * m + t) with t the least-squares shift
        NDArray fitted = centred.mul(scale).add(logDepthMean).exp();
        NDArray error = Scalars.mul(fitted, 1 / median).sub(relativeDepth);
        return error.abs().mean().add(error.square().mean());
    }

    @Override
    public void close() {
        taps.close();
        weights.close();
        logDepthCentred.close();
        relativeDepth.close();
    }
}
