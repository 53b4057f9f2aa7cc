package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import org.depthfm.engine.nn.Scoped;

/**
 * Adam (Kingma and Ba, 2015) for one tensor, with PyTorch's defaults (betas 0.9 and 0.999, epsilon
 * 1e-8) and its bias correction; the moments are kept between steps until {@link #close()}.
 */
final class Adam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private NDArray first;
    private NDArray second;
    private int steps;

    /** @param learningRate the step size */
    Adam(float learningRate) {
        this.learningRate = learningRate;
    }

    /**
     * @param x the tensor (not changed)
     * @param gradient the loss's gradient with respect to it
     * @return {@code x} moved one step against the gradient, a new array
     */
    NDArray step(NDArray x, NDArray gradient) {
        steps++;
        NDArray m = Scoped.run(() -> first == null ? gradient.mul(1 - BETA1)
                : first.mul(BETA1).add(gradient.mul(1 - BETA1)));
        NDArray v = Scoped.run(() -> second == null ? gradient.square().mul(1 - BETA2)
                : second.mul(BETA2).add(gradient.square().mul(1 - BETA2)));
        close(); // the previous moments
        first = m;
        second = v;
        float firstCorrection = (float) (1 - Math.pow(BETA1, steps));
        float secondCorrection = (float) (1 - Math.pow(BETA2, steps));
        return Scoped.run(() -> x.sub(m.div(firstCorrection).div(v.div(secondCorrection).sqrt().add(EPSILON))
                .mul(learningRate)));
    }

    @Override
    public void close() {
        if (first != null) {
            first.close();
            second.close();
        }
    }
}
