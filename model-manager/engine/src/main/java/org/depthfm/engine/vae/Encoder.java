package org.depthfm.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.GroupNorm;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * The VAE encoder: {@code conv_in}, {@code down_blocks} (ResNet blocks, then a stride-2 conv
 * with diffusers' asymmetric right/bottom padding), {@code mid_block}, {@code conv_norm_out},
 * SiLU, {@code conv_out} to 2 x latent channels (mean and log-variance).
 */
final class Encoder {
    private final Conv2d convIn;
    private final List<List<ResnetBlock2D>> downResnets = new ArrayList<>();
    private final List<Conv2d> downsamplers = new ArrayList<>();
    private final MidBlock mid;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    Encoder(ParamTree p, VaeConfig c) {
        int[] ch = c.blockOutChannels();
        int groups = c.normNumGroups();
        convIn = Conv2d.same(p.sub("conv_in"), c.inChannels(), ch[0], 3);
        int prev = ch[0];
        for (int i = 0; i < ch.length; i++) {
            ParamTree b = p.sub("down_blocks").sub(i);
            List<ResnetBlock2D> resnets = new ArrayList<>();
            for (int j = 0; j < c.layersPerBlock(); j++) {
                resnets.add(new ResnetBlock2D(b.sub("resnets").sub(j), j == 0 ? prev : ch[i], ch[i], groups));
            }
            downResnets.add(resnets);
            if (i < ch.length - 1) {
                downsamplers.add(Conv2d.load(b.sub("downsamplers").sub(0).sub("conv"), ch[i], ch[i], 3, 2, 0));
            }
            prev = ch[i];
        }
        int last = ch[ch.length - 1];
        mid = new MidBlock(p.sub("mid_block"), last, groups, c.midBlockAddAttention());
        normOut = GroupNorm.load(p.sub("conv_norm_out"), groups, last, VaeConfig.EPS);
        convOut = Conv2d.same(p.sub("conv_out"), last, 2L * c.latentChannels(), 3);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            // each intermediate is freed as soon as the next exists: at full size one is hundreds of MB
            NDArray h = convIn.forward(x);
            for (int i = 0; i < downResnets.size(); i++) {
                for (ResnetBlock2D r : downResnets.get(i)) {
                    h = Scoped.replace(h, r.forward(h));
                }
                if (i < downsamplers.size()) {
                    // Downsample2D(padding=0): pad one column right and one row bottom, then stride 2
                    h = Scoped.replace(h, h.pad(new Shape(0, 1, 0, 1), 0));
                    h = Scoped.replace(h, downsamplers.get(i).forward(h));
                }
            }
            h = Scoped.replace(h, mid.forward(h));
            h = Scoped.replace(h, normOut.forwardSilu(h));
            return Scoped.replace(h, convOut.forward(h));
        });
    }
}
