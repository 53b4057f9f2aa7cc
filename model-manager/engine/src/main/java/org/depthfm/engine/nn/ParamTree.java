package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A position in a checkpoint's key tree: {@code weights.root().sub("input_blocks").sub(1)} reads
 * the keys under {@code input_blocks.1.}. Blocks take one and move down it, so the network's
 * classes mirror the checkpoint's structure.
 */
public final class ParamTree {
    private final Weights weights;
    private final String prefix;

    ParamTree(Weights weights, String prefix) {
        this.weights = weights;
        this.prefix = prefix;
    }

    /**
     * @param name a key segment
     * @return the subtree under {@code name}
     */
    public ParamTree sub(String name) {
        weights.consumed(this);
        return new ParamTree(weights, key(name) + ".");
    }

    /**
     * @param index a numeric key segment (module lists)
     * @return the subtree under {@code index}
     */
    public ParamTree sub(int index) {
        return sub(Integer.toString(index));
    }

    /**
     * @param name a key segment, possibly dotted
     * @return the full key
     */
    public String key(String name) {
        return prefix + name;
    }

    /**
     * @param name a tensor name under this subtree
     * @return whether the checkpoint holds it
     */
    public boolean has(String name) {
        weights.consumed(this);
        return weights.has(key(name));
    }

    /**
     * @param name a tensor name under this subtree
     * @return its stored shape, or null when planning (see {@link Weights#planning})
     */
    public long[] shape(String name) {
        weights.consumed(this);
        return weights.shape(key(name));
    }

    /**
     * @param name a tensor name under this subtree
     * @param shape the shape the configuration implies
     * @return the weight in the compute type
     */
    public NDArray get(String name, long... shape) {
        weights.consumed(this);
        return weights.load(key(name), shape, weights.dtype());
    }

    /**
     * Normalisation parameters stay in float32 whatever the compute type (as the official
     * {@code GroupNorm32} and autocast do).
     *
     * @param name a tensor name under this subtree
     * @param shape the shape the configuration implies
     * @return the weight in float32
     */
    public NDArray getFloat32(String name, long... shape) {
        weights.consumed(this);
        return weights.load(key(name), shape, DataType.FLOAT32);
    }

    /** @return the operation counter of the model these weights belong to */
    public Flops flops() {
        return weights.flops();
    }

    Weights weights() {
        return weights;
    }

    /** @return the compute type */
    public DataType dtype() {
        return weights.dtype();
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "<root>" : prefix.substring(0, prefix.length() - 1);
    }
}
