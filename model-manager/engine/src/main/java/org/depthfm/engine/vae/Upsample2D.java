package org.depthfm.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * diffusers' {@code Upsample2D} as the decoder uses it: nearest-neighbour x2, then a 3x3 conv
 * ({@code conv}), computed without the up-sampled array. On the nearest-neighbour image, the 3x3
 * window of an output pixel covers only 2x2 input pixels, so for each of the four output phases
 * (row and column parity) the conv is a 2x2 conv on the input whose taps are sums of the 3x3
 * taps. The four phases run as one conv with four times the output channels (taps summed once,
 * at load), and are then interleaved: 16/36 of the multiply-adds, no 4x-sized input, the same
 * result up to float rounding.
 */
final class Upsample2D {
    private final Conv2d phases;
    private final long channels;

    Upsample2D(ParamTree p, int channels) {
        this.channels = channels;
        NDArray w = p.sub("conv").get("weight", channels, channels, 3, 3);
        NDArray b = p.sub("conv").get("bias", channels);
        NDArray[] weights = new NDArray[2];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList kernels = new NDList();
            for (int a = 0; a < 2; a++) {
                NDArray rows = sumTaps(w, 2, a);
                for (int c = 0; c < 2; c++) {
                    kernels.add(sumTaps(rows, 3, c));
                }
            }
            weights[0] = NDArrays.concat(kernels, 0);
            weights[1] = b.tile(4);
            NDScope.unregister(weights);
        }
        phases = Conv2d.of(weights[0], weights[1], 1, 1, p.flops());
    }

    /**
     * The two taps along {@code axis} that phase {@code parity} sees: for parity 0 the input
     * before and at the pixel, {@code [w0, w1 + w2]}; for parity 1 the pixel and the one after,
     * {@code [w0 + w1, w2]}.
     */
    private static NDArray sumTaps(NDArray w, int axis, int parity) {
        NDArray t0 = w.get(tap(axis, 0));
        NDArray t1 = w.get(tap(axis, 1));
        NDArray t2 = w.get(tap(axis, 2));
        return parity == 0 ? NDArrays.concat(new NDList(t0, t1.add(t2)), axis)
                : NDArrays.concat(new NDList(t0.add(t1), t2), axis);
    }

    private static NDIndex tap(int axis, int i) {
        NDIndex index = new NDIndex();
        for (int d = 0; d < axis; d++) {
            index.addAllDim();
        }
        return index.addSliceDim(i, i + 1);
    }

    /**
     * @param x (N, C, H, W)
     * @return (N, C, 2H, 2W)
     */
    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            Shape s = x.getShape();
            long h = s.get(2);
            long w = s.get(3);
            // 1. the four phases at once: (N, 4C, H+1, W+1) over the input padded by one pixel
            NDArray y = phases.forward(x);
            // 2. phase (a, b) is output pixel (2i+a, 2j+b), read at (i+a, j+b)
            NDArray out = x.getManager().create(new Shape(s.get(0), channels, 2 * h, 2 * w), x.getDataType());
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    long c0 = (2L * a + b) * channels;
                    NDArray phase = y.get(new NDIndex().addAllDim().addSliceDim(c0, c0 + channels)
                            .addSliceDim(a, a + h).addSliceDim(b, b + w));
                    out.set(new NDIndex().addAllDim().addAllDim().addSliceDim(a, 2 * h, 2).addSliceDim(b, 2 * w, 2),
                            phase);
                }
            }
            return out;
        });
    }
}
