package org.depthfm.tools.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.function.Supplier;

/**
 * What libtorch reaches on this machine with the current thread settings, as the yardstick for
 * the pipeline's throughput: the best of eight runs (after two untimed) of a large 3x3 convolution (320 to 320
 * channels at 64x64, a UNet level-0 layer at 512x512) and of a 2048x2048 matrix product.
 *
 * @param convGflops the convolution's rate, GFLOP/s
 * @param matMulGflops the matrix product's rate, GFLOP/s
 */
public record MachinePeak(double convGflops, double matMulGflops) {
    private static final int WARMUP = 2;
    private static final int RUNS = 8;

    /**
     * @param manager where to create the test arrays (its device is measured)
     * @param dtype the compute type to measure (the model's)
     * @return the measured rates
     */
    public static MachinePeak measure(NDManager manager, DataType dtype) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.randomNormal(new Shape(1, 320, 64, 64)).toType(dtype, false);
            NDArray w = m.randomNormal(new Shape(320, 320, 3, 3)).mul(0.02).toType(dtype, false);
            NDArray b = m.zeros(new Shape(320)).toType(dtype, false);
            double convFlops = 2.0 * 64 * 64 * 320 * 320 * 9;
            double conv = best(convFlops, () -> Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1),
                    new Shape(1, 1)).singletonOrThrow());
            NDArray a = m.randomNormal(new Shape(2048, 2048)).toType(dtype, false);
            NDArray c = m.randomNormal(new Shape(2048, 2048)).toType(dtype, false);
            double mm = best(2.0 * 2048 * 2048 * 2048, () -> a.matMul(c));
            return new MachinePeak(conv, mm);
        }
    }

    private static double best(double flops, Supplier<NDArray> op) {
        for (int i = 0; i < WARMUP; i++) {
            op.get().close();
        }
        double bestSeconds = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            NDArray r = op.get();
            if (r.getDevice().isGpu()) {
                // CUDA runs asynchronously: reading a value back waits for the work to finish
                r.max().getFloat();
            }
            bestSeconds = Math.min(bestSeconds, (System.nanoTime() - t0) / 1e9);
            r.close();
        }
        return flops / bestSeconds / 1e9;
    }
}
