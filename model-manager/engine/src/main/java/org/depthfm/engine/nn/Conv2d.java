package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A 2-D convolution with square kernel, stride and symmetric zero padding ({@code weight}, {@code bias}). */
public final class Conv2d {
    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;
    private final Flops flops;

    private Conv2d(NDArray weight, NDArray bias, int stride, int padding, Flops flops) {
        this.flops = flops;
        this.weight = weight;
        this.bias = bias;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    /**
     * @param p the layer's subtree ({@code weight}, {@code bias})
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding zero padding on each side
     * @return the layer
     */
    public static Conv2d load(ParamTree p, long in, long out, int kernel, int stride, int padding) {
        return new Conv2d(p.get("weight", out, in, kernel, kernel), p.get("bias", out), stride, padding, p.flops());
    }

    /**
     * A convolution over weights derived at load time (they must outlive every call, as loaded
     * weights do).
     *
     * @param weight (out, in, kh, kw)
     * @param bias (out)
     * @param stride stride
     * @param padding zero padding on each side
     * @param flops the model's operation counter
     * @return the layer
     */
    public static Conv2d of(NDArray weight, NDArray bias, int stride, int padding, Flops flops) {
        return new Conv2d(weight, bias, stride, padding, flops);
    }

    /**
     * @param p the layer's subtree
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size (odd), stride 1, "same" padding
     * @return the layer
     */
    public static Conv2d same(ParamTree p, long in, long out, int kernel) {
        return load(p, in, out, kernel, 1, kernel / 2);
    }

    /**
     * @param x (N, in, H, W)
     * @return (N, out, H', W')
     */
    public NDArray forward(NDArray x) {
        NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, bias, stride, padding, new Shape(1, 1))
                .singletonOrThrow();
        Shape w = weight.getShape();
        Shape o = y.getShape();
        flops.matMul(1, o.get(0) * o.get(2) * o.get(3), w.size() / w.get(0), w.get(0));
        return y;
    }
}
