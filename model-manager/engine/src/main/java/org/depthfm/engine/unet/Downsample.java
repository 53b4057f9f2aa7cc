package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.ParamTree;

/** Halves the resolution: a stride-2 3x3 conv ({@code op}), or 2x2 average pooling without {@code conv_resample}. */
final class Downsample implements UNetLayer {
    private final Conv2d op;

    Downsample(ParamTree p, int channels, boolean useConv) {
        op = useConv ? Conv2d.load(p.sub("op"), channels, channels, 3, 2, 1) : null;
    }

    @Override
    public NDArray forward(NDArray h, NDArray emb, NDArray contextCa) {
        return op == null ? averagePool2x(h) : op.forward(h);
    }

    static NDArray averagePool2x(NDArray x) {
        return x.getNDArrayInternal().avgPool(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }
}
