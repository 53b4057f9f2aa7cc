package org.depthfm.engine.vae;

import ai.djl.ndarray.NDArray;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.GroupNorm;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/** diffusers' ResNet block without time embedding: norm1, SiLU, conv1, norm2, SiLU, conv2, plus the (1x1 {@code conv_shortcut}) skip. */
final class ResnetBlock2D {
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    ResnetBlock2D(ParamTree p, int in, int out, int groups) {
        norm1 = GroupNorm.load(p.sub("norm1"), groups, in, VaeConfig.EPS);
        conv1 = Conv2d.same(p.sub("conv1"), in, out, 3);
        norm2 = GroupNorm.load(p.sub("norm2"), groups, out, VaeConfig.EPS);
        conv2 = Conv2d.same(p.sub("conv2"), out, out, 3);
        shortcut = in == out ? null : Conv2d.same(p.sub("conv_shortcut"), in, out, 1);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            // 1. norm, SiLU, conv, twice, freeing each intermediate once used
            NDArray h = norm1.forwardSilu(x);
            h = Scoped.replace(h, conv1.forward(h));
            h = Scoped.replace(h, norm2.forwardSilu(h));
            h = Scoped.replace(h, conv2.forward(h));
            // 2. the skip, added into the fresh convolution output
            return h.addi(shortcut == null ? x : shortcut.forward(x));
        });
    }
}
