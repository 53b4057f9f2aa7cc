package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.depthfm.engine.nn.Activations;
import org.depthfm.engine.nn.LayerNorm;
import org.depthfm.engine.nn.Linear;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * Pre-norm transformer block: self-attention ({@code attn1}), cross-attention on the context
 * ({@code attn2}), and a GEGLU feed-forward ({@code ff.net.0.proj}, {@code ff.net.2}), each with
 * a LayerNorm ({@code norm1..3}) and a residual.
 */
final class BasicTransformerBlock {
    private static final double EPS = 1e-5;

    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final CrossAttention attn1;
    private final CrossAttention attn2;
    private final Linear ffIn;
    private final Linear ffOut;
    private final boolean attn1OnContext;

    BasicTransformerBlock(ParamTree p, int dim, int heads, int dimHead, int contextDim, boolean disableSelfAttn,
            AttentionVariant variant) {
        norm1 = LayerNorm.load(p.sub("norm1"), dim, EPS);
        norm2 = LayerNorm.load(p.sub("norm2"), dim, EPS);
        norm3 = LayerNorm.load(p.sub("norm3"), dim, EPS);
        attn1OnContext = disableSelfAttn;
        attn1 = new CrossAttention(p.sub("attn1"), dim, disableSelfAttn ? contextDim : -1, heads, dimHead, variant);
        attn2 = new CrossAttention(p.sub("attn2"), dim, contextDim, heads, dimHead, variant);
        int inner = dim * 4;
        ffIn = Linear.load(p.sub("ff").sub("net").sub(0).sub("proj"), dim, 2L * inner);
        ffOut = Linear.load(p.sub("ff").sub("net").sub(2), inner, dim);
    }

    /**
     * @param x (B, N, dim)
     * @param context (B, M, context_dim)
     * @return (B, N, dim)
     */
    NDArray forward(NDArray x, NDArray context) {
        return Scoped.run(() -> {
            // residuals added in place into each fresh sub-layer output
            NDArray h = attn1.forward(norm1.forward(x), attn1OnContext ? context : null).addi(x);
            h = Scoped.replace(h, attn2.forward(norm2.forward(h), context).addi(h));
            return Scoped.replace(h, feedForward(norm3.forward(h)).addi(h));
        });
    }

    /** GEGLU: the projection's first half times the exact GELU of its second half. */
    private NDArray feedForward(NDArray x) {
        return Scoped.run(() -> {
            NDArray proj = ffIn.forward(x);
            NDList halves = proj.split(2, proj.getShape().dimension() - 1);
            NDArray gated = Activations.gelu(halves.get(1));
            gated = Scoped.replace(gated, halves.get(0).mul(gated));
            halves.close();
            proj.close();
            return Scoped.replace(gated, ffOut.forward(gated));
        });
    }
}
