package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis, computed in float32 (as autocast does). */
public final class LayerNorm {
    private final NDArray weight;
    private final NDArray bias;
    private final long dim;
    private final float eps;

    private LayerNorm(NDArray weight, NDArray bias, long dim, float eps) {
        this.weight = weight;
        this.bias = bias;
        this.dim = dim;
        this.eps = eps;
    }

    /**
     * @param p the layer's subtree ({@code weight}, {@code bias})
     * @param dim the normalised size
     * @param eps the variance epsilon ({@code torch.nn.LayerNorm} default 1e-5)
     * @return the layer
     */
    public static LayerNorm load(ParamTree p, long dim, double eps) {
        return new LayerNorm(p.getFloat32("weight", dim), p.getFloat32("bias", dim), dim, (float) eps);
    }

    /**
     * @param x (..., dim) in the compute type
     * @return the normalised array, in the type of {@code x}
     */
    public NDArray forward(NDArray x) {
        if (x.getDataType() == DataType.FLOAT32) {
            return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(dim), weight, bias, eps).singletonOrThrow();
        }
        return Scoped.run(() -> ai.djl.nn.norm.LayerNorm.layerNorm(x.toType(DataType.FLOAT32, false),
                new Shape(dim), weight, bias, eps).singletonOrThrow().toType(x.getDataType(), false));
    }
}
