package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import org.depthfm.engine.nn.Attention;
import org.depthfm.engine.nn.Flops;
import org.depthfm.engine.nn.Linear;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * Multi-head attention of a transformer block ({@code to_q}, {@code to_k}, {@code to_v} without
 * bias, {@code to_out.0}); self-attention when no context is given.
 */
final class CrossAttention {
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;
    private final int heads;
    private final int dimHead;
    private final boolean selfAttention;
    private final AttentionVariant variant;
    private final Flops flops;

    /**
     * @param contextDim the context's features, or -1 for self-attention
     */
    CrossAttention(ParamTree p, int queryDim, int contextDim, int heads, int dimHead, AttentionVariant variant) {
        int inner = heads * dimHead;
        int kvDim = contextDim < 0 ? queryDim : contextDim;
        toQ = Linear.loadNoBias(p.sub("to_q"), queryDim, inner);
        toK = Linear.loadNoBias(p.sub("to_k"), kvDim, inner);
        toV = Linear.loadNoBias(p.sub("to_v"), kvDim, inner);
        toOut = Linear.load(p.sub("to_out").sub(0), inner, queryDim);
        this.heads = heads;
        this.dimHead = dimHead;
        this.selfAttention = contextDim < 0;
        this.variant = variant;
        this.flops = p.flops();
    }

    /**
     * @param x (B, N, query_dim)
     * @param context (B, M, context_dim), ignored for self-attention
     * @return (B, N, query_dim)
     */
    NDArray forward(NDArray x, NDArray context) {
        return Scoped.run(() -> {
            NDArray kv = selfAttention ? x : context;
            long b = x.getShape().get(0);
            long n = x.getShape().get(1);
            NDArray q = splitHeads(toQ.forward(x));
            NDArray k = splitHeads(toK.forward(kv));
            NDArray v = splitHeads(toV.forward(kv));
            NDArray out = Attention.scaledDotProduct(q, k, v, scale(n), flops);
            // (B*h, N, d) -> (B, N, h*d)
            out = out.reshape(b, heads, n, dimHead).transpose(0, 2, 1, 3).reshape(b, n, (long) heads * dimHead);
            return toOut.forward(out);
        });
    }

    /** The official scales: see {@link AttentionVariant}. */
    private double scale(long queryTokens) {
        if (variant == AttentionVariant.SDPA && selfAttention) {
            return Math.sqrt(Math.log(queryTokens) / Math.log(queryTokens * 4.0) / dimHead);
        }
        return 1.0 / Math.sqrt(dimHead);
    }

    /** (B, N, h*d) -> (B*h, N, d). */
    private NDArray splitHeads(NDArray t) {
        long b = t.getShape().get(0);
        long n = t.getShape().get(1);
        return t.reshape(b, n, heads, dimHead).transpose(0, 2, 1, 3).reshape(b * heads, n, dimHead);
    }
}
