package org.depthfm.engine.nn;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the floating-point operations of one model's heavy layers (convolutions, linear layers
 * and the attention products: multiply and add counted as two), for the benchmark's throughput
 * figure. Element-wise work is not counted, as is usual for GFLOP/s figures. Each loaded model
 * has its own counter ({@link ParamTree#flops()}); counting costs one addition per layer call.
 */
public final class Flops {
    private final LongAdder count = new LongAdder();

    /** @return the operations counted since the last {@link #reset()} */
    public long count() {
        return count.sum();
    }

    /** Starts a new count. */
    public void reset() {
        count.reset();
    }

    /**
     * Records a (batched) matrix product.
     *
     * @param batch independent products
     * @param m rows of the left factor
     * @param k the shared dimension
     * @param n columns of the right factor
     */
    void matMul(long batch, long m, long k, long n) {
        count.add(2 * batch * m * k * n);
    }
}
