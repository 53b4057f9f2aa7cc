package org.depthfm.engine.vae;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.GroupNorm;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * The VAE decoder: {@code conv_in}, {@code mid_block}, {@code up_blocks} (deepest first: one more
 * ResNet block than the encoder, then {@link Upsample2D}), {@code conv_norm_out}, SiLU,
 * {@code conv_out}.
 */
final class Decoder {
    private final Conv2d convIn;
    private final MidBlock mid;
    private final List<List<ResnetBlock2D>> upResnets = new ArrayList<>();
    private final List<Upsample2D> upsamplers = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    Decoder(ParamTree p, VaeConfig c) {
        int[] ch = c.blockOutChannels();
        int groups = c.normNumGroups();
        int last = ch[ch.length - 1];
        convIn = Conv2d.same(p.sub("conv_in"), c.latentChannels(), last, 3);
        mid = new MidBlock(p.sub("mid_block"), last, groups, c.midBlockAddAttention());
        int prev = last;
        for (int i = 0; i < ch.length; i++) {
            int out = ch[ch.length - 1 - i];
            ParamTree b = p.sub("up_blocks").sub(i);
            List<ResnetBlock2D> resnets = new ArrayList<>();
            for (int j = 0; j <= c.layersPerBlock(); j++) {
                resnets.add(new ResnetBlock2D(b.sub("resnets").sub(j), j == 0 ? prev : out, out, groups));
            }
            upResnets.add(resnets);
            if (i < ch.length - 1) {
                upsamplers.add(new Upsample2D(b.sub("upsamplers").sub(0), out));
            }
            prev = out;
        }
        normOut = GroupNorm.load(p.sub("conv_norm_out"), groups, ch[0], VaeConfig.EPS);
        convOut = Conv2d.same(p.sub("conv_out"), ch[0], c.outChannels(), 3);
    }

    NDArray forward(NDArray z) {
        return Scoped.run(() -> {
            // each intermediate is freed as soon as the next exists: at full size one is hundreds of MB
            NDArray h = convIn.forward(z);
            h = Scoped.replace(h, mid.forward(h));
            for (int i = 0; i < upResnets.size(); i++) {
                for (ResnetBlock2D r : upResnets.get(i)) {
                    h = Scoped.replace(h, r.forward(h));
                }
                if (i < upsamplers.size()) {
                    h = Scoped.replace(h, upsamplers.get(i).forward(h));
                }
            }
            h = Scoped.replace(h, normOut.forwardSilu(h));
            return Scoped.replace(h, convOut.forward(h));
        });
    }
}
