package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/** Doubles the resolution: nearest-neighbour x2, then a 3x3 conv ({@code conv}) with {@code conv_resample}. */
final class Upsample implements UNetLayer {
    private final Conv2d conv;

    Upsample(ParamTree p, int channels, boolean useConv) {
        conv = useConv ? Conv2d.same(p.sub("conv"), channels, channels, 3) : null;
    }

    @Override
    public NDArray forward(NDArray h, NDArray emb, NDArray contextCa) {
        return conv == null ? nearest2x(h) : Scoped.run(() -> conv.forward(nearest2x(h)));
    }

    static NDArray nearest2x(NDArray x) {
        Shape s = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, 0, false);
    }
}
