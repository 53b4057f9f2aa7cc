package org.depthfm.engine.vae;

import ai.djl.ndarray.NDArray;
import org.depthfm.engine.nn.Attention;
import org.depthfm.engine.nn.Flops;
import org.depthfm.engine.nn.GroupNorm;
import org.depthfm.engine.nn.Linear;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * The VAE mid-block self-attention over all pixels (one head as wide as the channels): group_norm,
 * q/k/v, softmax(q k^T / sqrt(C)) v, output projection, residual. Both Hub namings are read:
 * {@code to_q/to_k/to_v/to_out.0} and the deprecated {@code query/key/value/proj_attn}, each as
 * linear (C, C) or 1x1-conv (C, C, 1, 1) weights.
 */
final class AttentionBlock {
    private final GroupNorm norm;
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;
    private final int channels;
    private final Flops flops;

    AttentionBlock(ParamTree p, int channels, int groups) {
        boolean deprecated = !p.has("to_q.weight") && p.has("query.weight");
        norm = GroupNorm.load(p.sub("group_norm"), groups, channels, VaeConfig.EPS);
        toQ = projection(p.sub(deprecated ? "query" : "to_q"), channels);
        toK = projection(p.sub(deprecated ? "key" : "to_k"), channels);
        toV = projection(p.sub(deprecated ? "value" : "to_v"), channels);
        toOut = projection(deprecated ? p.sub("proj_attn") : p.sub("to_out").sub(0), channels);
        this.channels = channels;
        this.flops = p.flops();
    }

    private static Linear projection(ParamTree p, int channels) {
        long[] stored = p.shape("weight");
        return stored != null && stored.length == 4 ? Linear.loadConv1x1(p, channels, channels)
                : Linear.load(p, channels, channels);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            long b = x.getShape().get(0);
            long h = x.getShape().get(2);
            long w = x.getShape().get(3);
            // 1. norm, b c h w -> b (h w) c
            NDArray t = norm.forward(x).reshape(b, channels, h * w).transpose(0, 2, 1);
            // 2. single-head attention, default scale
            NDArray a = Attention.scaledDotProduct(toQ.forward(t), toK.forward(t), toV.forward(t), 1.0 / Math.sqrt(channels),
                    flops);
            // 3. project, b (h w) c -> b c h w, residual; x first, so the sum is laid out like x
            //    (channel-major) and not like the transposed view, which convolutions would copy
            return x.add(toOut.forward(a).transpose(0, 2, 1).reshape(b, channels, h, w));
        });
    }
}
