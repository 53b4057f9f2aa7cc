package org.depthfm.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.depthfm.engine.runtime.Devices;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private static final float[] X = {-3f, -0.5f, 0f, 0.25f, 2f, 6f};

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void siluIsXTimesSigmoidAndLeavesItsInputAlone() {
        try (NDManager manager = NDManager.newBaseManager(Devices.ENGINE)) {
            NDArray x = manager.create(X);
            float[] y = Activations.silu(x).toFloatArray();
            float[] expected = new float[X.length];
            for (int i = 0; i < X.length; i++) {
                expected[i] = (float) (X[i] * sigmoid(X[i]));
            }
            assertArrayEquals(expected, y, 1e-6f);
            assertArrayEquals(X, x.toFloatArray());
        }
    }

    /** Inside a collector the input is an intermediate, whose DJL hasGradient() says false. */
    @Test
    void siluOfAnIntermediateHasTheAnalyticGradient() {
        try (NDManager manager = NDManager.newBaseManager(Devices.ENGINE)) {
            NDArray leaf = manager.create(X);
            leaf.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray h = Scalars.mul(leaf, 2f);
                collector.backward(Activations.silu(h).sum());
            }
            float[] expected = new float[X.length];
            for (int i = 0; i < X.length; i++) {
                double h = 2.0 * X[i];
                double s = sigmoid(h);
                expected[i] = (float) (2 * s * (1 + h * (1 - s)));
            }
            assertArrayEquals(expected, leaf.getGradient().toFloatArray(), 1e-5f);
        }
    }
}
