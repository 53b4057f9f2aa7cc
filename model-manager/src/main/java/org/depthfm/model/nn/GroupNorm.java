package org.depthfm.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group normalisation over (N, C, H, W), computed in float32 whatever the compute type (the
 * official {@code GroupNorm32}). libtorch's group_norm is not exposed by DJL, so each group is
 * layer-normalised over an (N, G, C/G*H*W) view with unit scale, then the per-channel affine
 * is applied: the same arithmetic to ~1e-6.
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
            NDArray x32 = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
            NDArray grouped = x32.reshape(shape.get(0), groups, -1);
            long len = grouped.getShape().get(2);
            NDArray[] ab = unit.get(len);
            NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(grouped, new Shape(len), ab[0], ab[1], (float) eps)
                    .singletonOrThrow();
            long c = shape.get(1);
            NDArray y = normed.reshape(shape).mul(weight.reshape(1, c, 1, 1)).add(bias.reshape(1, c, 1, 1));
            return x.getDataType() == DataType.FLOAT32 ? y : y.toType(x.getDataType(), false);
        });
    }

    /** Unit scale and zero shift vectors per normalised length, shared by all norms of one model. */
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
