package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import org.depthfm.engine.nn.Activations;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.GroupNorm;
import org.depthfm.engine.nn.Linear;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * The ldm residual block: GroupNorm, SiLU, 3x3 conv; the time embedding added as a per-channel
 * bias (or as scale and shift); GroupNorm, SiLU, 3x3 conv; plus the (1x1 conv) skip. Keys
 * {@code in_layers.{0,2}}, {@code emb_layers.1}, {@code out_layers.{0,3}}, {@code skip_connection}.
 */
final class ResBlock implements UNetLayer {
    /** Up- or down-sampling inside the block ({@code resblock_updown}). */
    enum Resample { NONE, UP, DOWN }

    private static final double EPS = 1e-5;

    private final GroupNorm inNorm;
    private final Conv2d inConv;
    private final Linear embLayer;
    private final GroupNorm outNorm;
    private final Conv2d outConv;
    private final Conv2d skip;
    private final boolean scaleShift;
    private final Resample resample;

    ResBlock(ParamTree p, int channels, int outChannels, UNetConfig c, Resample resample) {
        inNorm = GroupNorm.load(p.sub("in_layers").sub(0), UNetConfig.GROUPS, channels, EPS);
        inConv = Conv2d.same(p.sub("in_layers").sub(2), channels, outChannels, 3);
        scaleShift = c.useScaleShiftNorm();
        embLayer = Linear.load(p.sub("emb_layers").sub(1), c.timeEmbedDim(), scaleShift ? 2L * outChannels : outChannels);
        outNorm = GroupNorm.load(p.sub("out_layers").sub(0), UNetConfig.GROUPS, outChannels, EPS);
        outConv = Conv2d.same(p.sub("out_layers").sub(3), outChannels, outChannels, 3);
        skip = outChannels == channels ? null : Conv2d.same(p.sub("skip_connection"), channels, outChannels, 1);
        this.resample = resample;
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray contextCa) {
        return Scoped.run(() -> {
            // 1. in_layers, with the resampling between the activation and the conv
            NDArray h = inNorm.forwardSilu(x);
            NDArray xs = x;
            if (resample != Resample.NONE) {
                h = Scoped.replace(h, resampled(h));
                xs = resampled(x);
            }
            h = Scoped.replace(h, inConv.forward(h));
            // 2. time embedding as bias (added in place into the fresh conv output), or as scale and shift
            NDArray e = embLayer.forward(emb).expandDims(2).expandDims(3);
            if (scaleShift) {
                long c = h.getShape().get(1);
                h = Scoped.replace(h, outNorm.forward(h).mul(e.get(":, :{}", c).add(1)).add(e.get(":, {}:", c)));
                h = Scoped.replace(h, Activations.silu(h));
            } else {
                h = Scoped.replace(h, outNorm.forwardSilu(h.addi(e)));
            }
            // 3. out_layers (dropout is the identity at inference), then the skip
            h = Scoped.replace(h, outConv.forward(h));
            return h.addi(skip == null ? xs : skip.forward(xs));
        });
    }

    private NDArray resampled(NDArray x) {
        return resample == Resample.UP ? Upsample.nearest2x(x) : Downsample.averagePool2x(x);
    }
}
