package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.depthfm.engine.nn.Scoped;

/**
 * The sinusoidal time embedding of ldm's {@code timestep_embedding}: {@code [cos(t f), sin(t f)]}
 * with {@code f_i = exp(-ln(10000) i / half)}, in float32, zero-padded to an odd size.
 */
public final class TimestepEmbedding {
    private static final double MAX_PERIOD = 10000;

    private TimestepEmbedding() {
    }

    /**
     * @param t (N) times (DepthFM passes the ODE time in [0, 1] itself)
     * @param dim embedding size
     * @return (N, dim) float32
     */
    public static NDArray of(NDArray t, int dim) {
        return Scoped.run(() -> {
            int half = dim / 2;
            NDManager m = t.getManager();
            // exp(-ln(P) * arange(half) / half) in float32, as torch computes it
            NDArray freqs = m.arange(0, half, 1, DataType.FLOAT32).mul((float) -Math.log(MAX_PERIOD)).div((float) half)
                    .exp().toDevice(t.getDevice(), false);
            NDArray args = t.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(freqs.reshape(1, half));
            NDList parts = new NDList(args.cos(), args.sin());
            if (dim % 2 == 1) {
                parts.add(m.zeros(new Shape(args.getShape().get(0), 1), DataType.FLOAT32, t.getDevice()));
            }
            return NDArrays.concat(parts, 1);
        });
    }
}
