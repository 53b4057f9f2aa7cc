package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Element-wise activations with the official definitions. */
public final class Activations {
    private Activations() {
    }

    /**
     * SiLU, {@code x * sigmoid(x)}. libtorch's fused silu is not reachable through DJL, so this is
     * a sigmoid and a multiplication; the product is written into the sigmoid's result, which
     * saves an allocation (and its page faults) per call, unless autograd is recording (inside a
     * {@code GradientCollector}): the sigmoid's output is then kept for the backward pass, and
     * DJL's {@code hasGradient} cannot tell, as it is false for every array but the leaves.
     *
     * @param x any array
     * @return a new array
     */
    public static NDArray silu(NDArray x) {
        NDArray s = x.getNDArrayInternal().sigmoid();
        if (JniUtils.isGradMode()) {
            NDArray y = x.mul(s);
            s.close();
            return y;
        }
        return s.muli(x);
    }

    /**
     * @param x any array
     * @return the exact (erf) GELU, as {@code torch.nn.functional.gelu}
     */
    public static NDArray gelu(NDArray x) {
        return x.getNDArrayInternal().gelu();
    }
}
