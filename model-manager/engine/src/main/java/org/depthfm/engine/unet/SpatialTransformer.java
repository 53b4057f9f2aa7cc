package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.GroupNorm;
import org.depthfm.engine.nn.Linear;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * Transformer over the pixels of a feature map: GroupNorm ({@code norm}, eps 1e-6), projection in
 * ({@code proj_in}, linear or 1x1 conv), {@code transformer_blocks}, projection out
 * ({@code proj_out}), residual.
 */
final class SpatialTransformer implements UNetLayer {
    private static final double EPS = 1e-6;

    private final GroupNorm norm;
    private final Linear linearIn;
    private final Linear linearOut;
    private final Conv2d convIn;
    private final Conv2d convOut;
    private final BasicTransformerBlock[] blocks;
    private final int inner;

    SpatialTransformer(ParamTree p, int channels, int heads, int dimHead, UNetConfig c, boolean disableSelfAttn,
            AttentionVariant variant) {
        inner = heads * dimHead;
        norm = GroupNorm.load(p.sub("norm"), UNetConfig.GROUPS, channels, EPS);
        boolean linear = c.useLinearInTransformer();
        linearIn = linear ? Linear.load(p.sub("proj_in"), channels, inner) : null;
        convIn = linear ? null : Conv2d.same(p.sub("proj_in"), channels, inner, 1);
        // the official linear proj_out is Linear(in_channels, inner_dim): only square in practice
        linearOut = linear ? Linear.load(p.sub("proj_out"), channels, inner) : null;
        convOut = linear ? null : Conv2d.same(p.sub("proj_out"), inner, channels, 1);
        blocks = new BasicTransformerBlock[c.transformerDepth()];
        int[] contextDims = c.contextDims();
        for (int d = 0; d < blocks.length; d++) {
            int contextDim = contextDims[Math.min(d, contextDims.length - 1)];
            blocks[d] = new BasicTransformerBlock(p.sub("transformer_blocks").sub(d), inner, heads, dimHead,
                    contextDim, disableSelfAttn, variant);
        }
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray contextCa) {
        return Scoped.run(() -> {
            long b = x.getShape().get(0);
            long h = x.getShape().get(2);
            long w = x.getShape().get(3);
            // 1. norm, project in, b c h w -> b (h w) c
            NDArray t = norm.forward(x);
            if (convIn != null) {
                t = convIn.forward(t);
            }
            t = t.reshape(b, -1, h * w).transpose(0, 2, 1);
            if (linearIn != null) {
                t = linearIn.forward(t);
            }
            // 2. transformer blocks
            for (BasicTransformerBlock block : blocks) {
                t = block.forward(t, contextCa);
            }
            // 3. project out, b (h w) c -> b c h w, residual
            if (linearOut != null) {
                t = linearOut.forward(t);
            }
            t = t.transpose(0, 2, 1).reshape(b, inner, h, w);
            if (convOut != null) {
                t = convOut.forward(t);
            }
            // x first, so the sum is laid out like x (channel-major), not like the transposed view:
            // convolutions given channels-last input copy their weights on every call
            return x.add(t);
        });
    }
}
