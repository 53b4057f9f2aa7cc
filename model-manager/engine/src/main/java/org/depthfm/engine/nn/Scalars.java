package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication by a constant that stays correct under autograd. DJL's {@code x.mul(number)}
 * wraps the number in a tensor over a Java direct buffer and closes it at once; a multiplication
 * keeps its other operand for the backward pass, so when the garbage collector frees that buffer
 * before {@code backward}, the gradient is computed from freed memory (NaN or wrong values, at
 * random). Here the constant is allocated by libtorch, which keeps it as long as the graph needs it.
 */
public final class Scalars {
    private Scalars() {
    }

    /**
     * Multiplies by a constant. For float32 and float16 arrays the result equals {@code x.mul(value)}
     * bit for bit, whether {@code value} was a float or a double there: libtorch reads a
     * zero-dimensional factor in the float arithmetic of both.
     *
     * @param x a float32 or float16 array
     * @param value the factor
     * @return {@code x * value}
     */
    public static NDArray mul(NDArray x, float value) {
        return Scoped.run(() -> x.mul(x.getManager().full(new Shape(), value, DataType.FLOAT32)));
    }
}
