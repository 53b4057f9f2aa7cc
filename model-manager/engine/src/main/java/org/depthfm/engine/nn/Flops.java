package org.depthfm.engine.nn;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the floating-point operations of the heavy layers (convolutions, linear layers and the
 * attention products: multiply and add counted as two), for the benchmark's throughput figure.
 * Element-wise work is not counted, as is usual for GFLOP/s figures. Counting costs one addition
 * per layer call, so it is always on.
 */
public final class Flops {
    private static final LongAdder COUNT = new LongAdder();

    private Flops() {
    }

    /** @return the operations counted since the last {@link #reset()} */
    public static long count() {
        return COUNT.sum();
    }

    /** Starts a new count. */
    public static void reset() {
        COUNT.reset();
    }

    /**
     * Records a (batched) matrix product.
     *
     * @param batch independent products
     * @param m rows of the left factor
     * @param k the shared dimension
     * @param n columns of the right factor
     */
    static void matMul(long batch, long m, long k, long n) {
        COUNT.add(2 * batch * m * k * n);
    }
}
