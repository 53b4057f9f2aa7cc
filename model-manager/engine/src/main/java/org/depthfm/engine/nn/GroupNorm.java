package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group normalisation over (N, C, H, W), computed in float32 whatever the compute type (the
 * official {@code GroupNorm32}). libtorch's group_norm is not exposed by DJL, so each group is
 * layer-normalised over an (N, G, C/G*H*W) view with unit scale, then the per-channel affine
 * is applied: the same arithmetic to ~1e-6. The affine is libtorch's batch_norm in inference
 * mode (one fused pass), which the PyTorch engine's JNI exposes.
 */
public final class GroupNorm {
    private final int groups;
    private final double eps;
    private final NDArray weight;
    private final NDArray bias;
    private final UnitAffine unit;

    private GroupNorm(int groups, double eps, NDArray weight, NDArray bias, UnitAffine unit) {
        this.groups = groups;
        this.eps = eps;
        this.weight = weight;
        this.bias = bias;
        this.unit = unit;
    }

    /**
     * @param p the layer's subtree ({@code weight}, {@code bias})
     * @param groups number of groups (must divide the channels)
     * @param channels channels
     * @param eps the variance epsilon
     * @return the layer
     */
    public static GroupNorm load(ParamTree p, int groups, long channels, double eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(p + ": " + channels + " channels cannot form " + groups + " groups");
        }
        return new GroupNorm(groups, eps, p.getFloat32("weight", channels), p.getFloat32("bias", channels),
                p.weights().unitAffine());
    }

    /**
     * @param x (N, C, H, W) in the compute type
     * @return the normalised array, in the type of {@code x}
     */
    public NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            Shape shape = x.getShape();
            boolean f32 = x.getDataType() == DataType.FLOAT32;
            NDArray grouped = (f32 ? x : x.toType(DataType.FLOAT32, false)).reshape(shape.get(0), groups, -1);
            long len = grouped.getShape().get(2);
            NDArray[] unitLen = unit.get(len);
            NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(grouped, new Shape(len), unitLen[0], unitLen[1],
                    (float) eps).singletonOrThrow().reshape(shape);
            // the per-channel affine as an inference-mode batch norm with mean 0, variance 1 and eps 0
            // (scale 1/sqrt(1) = 1 exactly): x * weight + bias in one fused pass instead of two
            NDArray[] unitC = unit.get(shape.get(1));
            NDArray y = JniUtils.batchNorm((PtNDArray) normed, (PtNDArray) unitC[1], (PtNDArray) unitC[0],
                    (PtNDArray) weight, (PtNDArray) bias, false, 0, 0);
            normed.close();
            return f32 ? y : y.toType(x.getDataType(), false);
        });
    }

    /**
     * The norm followed by SiLU, as every ResNet block begins; the normalised array is freed at
     * once rather than with the block's scope (at full image size it is hundreds of megabytes).
     *
     * @param x (N, C, H, W) in the compute type
     * @return {@code silu(forward(x))}
     */
    public NDArray forwardSilu(NDArray x) {
        NDArray n = forward(x);
        NDArray y = Activations.silu(n);
        n.close();
        return y;
    }

    /** Vectors of ones and zeros per length (unit scale and zero shift), shared by all norms of one model. */
    static final class UnitAffine {
        private final NDManager manager;
        private final Map<Long, NDArray[]> byLength = new ConcurrentHashMap<>();

        UnitAffine(NDManager manager) {
            this.manager = manager;
        }

        NDArray[] get(long len) {
            return byLength.computeIfAbsent(len, l -> {
                NDArray ones = manager.ones(new Shape(l), DataType.FLOAT32);
                NDArray zeros = manager.zeros(new Shape(l), DataType.FLOAT32);
                NDScope.unregister(ones, zeros);
                return new NDArray[] {ones, zeros};
            });
        }
    }
}
