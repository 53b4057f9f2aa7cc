package org.depthfm.model.nn;

import ai.djl.ndarray.NDArray;

/** Element-wise activations with the official definitions. */
public final class Activations {
    private Activations() {
    }

    /**
     * @param x any array
     * @return {@code x * sigmoid(x)} (SiLU)
     */
    public static NDArray silu(NDArray x) {
        return Scoped.run(() -> x.mul(x.getNDArrayInternal().sigmoid()));
    }

    /**
     * @param x any array
     * @return the exact (erf) GELU, as {@code torch.nn.functional.gelu}
     */
    public static NDArray gelu(NDArray x) {
        return x.getNDArrayInternal().gelu();
    }
}
