package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/** A linear layer {@code x W^T + b} over the last axis ({@code weight}, optional {@code bias}). */
public final class Linear {
    private final NDArray weight;
    private final NDArray bias;
    /** The stored array a reshaped weight views (it may wrap the mapped file, so it must stay reachable). */
    private final NDArray stored;
    private final Flops flops;

    private Linear(NDArray weight, NDArray bias, NDArray stored, Flops flops) {
        this.weight = weight;
        this.bias = bias;
        this.stored = stored;
        this.flops = flops;
    }

    private Linear(NDArray weight, NDArray bias, Flops flops) {
        this(weight, bias, weight, flops);
    }

    /**
     * @param p the layer's subtree
     * @param in input features
     * @param out output features
     * @return the layer, with bias
     */
    public static Linear load(ParamTree p, long in, long out) {
        return new Linear(p.get("weight", out, in), p.get("bias", out), p.flops());
    }

    /**
     * @param p the layer's subtree
     * @param in input features
     * @param out output features
     * @return the layer, without bias
     */
    public static Linear loadNoBias(ParamTree p, long in, long out) {
        return new Linear(p.get("weight", out, in), null, p.flops());
    }

    /**
     * A 1x1 convolution stored as (out, in, 1, 1), applied as the linear layer it is.
     *
     * @param p the layer's subtree
     * @param in input features
     * @param out output features
     * @return the layer, with bias
     */
    public static Linear loadConv1x1(ParamTree p, long in, long out) {
        NDArray w = p.get("weight", out, in, 1, 1);
        NDArray flat = w.reshape(out, in);
        NDScope.unregister(flat);
        return new Linear(flat, p.get("bias", out), w, p.flops());
    }

    /**
     * @param x (..., in)
     * @return (..., out)
     */
    public NDArray forward(NDArray x) {
        Shape w = weight.getShape();
        flops.matMul(1, x.getShape().size() / w.get(1), w.get(1), w.get(0));
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
