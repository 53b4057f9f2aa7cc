package org.depthfm.model.vae;

import ai.djl.ndarray.NDArray;
import org.depthfm.model.nn.Activations;
import org.depthfm.model.nn.Conv2d;
import org.depthfm.model.nn.GroupNorm;
import org.depthfm.model.nn.ParamTree;
import org.depthfm.model.nn.Scoped;

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
            NDArray h = conv1.forward(Activations.silu(norm1.forward(x)));
            h = conv2.forward(Activations.silu(norm2.forward(h)));
            return shortcut == null ? x.add(h) : shortcut.forward(x).add(h);
        });
    }
}
