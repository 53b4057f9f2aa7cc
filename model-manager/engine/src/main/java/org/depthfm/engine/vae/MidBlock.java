package org.depthfm.engine.vae;

import ai.djl.ndarray.NDArray;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/** diffusers' {@code UNetMidBlock2D} without time embedding: {@code resnets.0}, {@code attentions.0}, {@code resnets.1}. */
final class MidBlock {
    private final ResnetBlock2D resnet0;
    private final AttentionBlock attention;
    private final ResnetBlock2D resnet1;

    MidBlock(ParamTree p, int channels, int groups, boolean withAttention) {
        resnet0 = new ResnetBlock2D(p.sub("resnets").sub(0), channels, channels, groups);
        attention = withAttention ? new AttentionBlock(p.sub("attentions").sub(0), channels, groups) : null;
        resnet1 = new ResnetBlock2D(p.sub("resnets").sub(1), channels, channels, groups);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            NDArray h = resnet0.forward(x);
            if (attention != null) {
                h = Scoped.replace(h, attention.forward(h));
            }
            return Scoped.replace(h, resnet1.forward(h));
        });
    }
}
