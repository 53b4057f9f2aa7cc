package org.depthfm.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.depthfm.engine.runtime.Devices;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    @Test
    void aConstantFactorSurvivesAGarbageCollectionBetweenForwardAndBackward() {
        try (NDManager manager = NDManager.newBaseManager(Devices.ENGINE)) {
            NDArray x = manager.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray y = Scalars.mul(x, 3f).sum();
                for (int i = 0; i < 3; i++) {
                    // churn and collect direct buffers, as a long forward pass does
                    manager.create(new float[1 << 16]).close();
                    System.gc();
                }
                collector.backward(y);
            }
            assertArrayEquals(new float[] {3, 3, 3}, x.getGradient().toFloatArray());
            assertArrayEquals(new float[] {6}, Scalars.mul(manager.create(new float[] {2}), 3f).toFloatArray());
        }
    }
}
