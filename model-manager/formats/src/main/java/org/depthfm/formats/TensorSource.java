package org.depthfm.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tensor to be written by {@link TorchCheckpointWriter} or {@link SafeTensorsWriter}: its element
 * type, its shape, and code that produces its row-major little-endian bytes on demand, so that a
 * multi-gigabyte model is written one tensor at a time and never held whole in memory.
 *
 * @param dtype the element type
 * @param shape the shape
 * @param fill fills the buffer it is given: exactly {@link #byteSize()} bytes, little-endian, at
 *     position 0 (the position it leaves is ignored)
 */
public record TensorSource(DType dtype, long[] shape, Consumer<ByteBuffer> fill) {
    /** Copies the shape, so the record is immutable. */
    public TensorSource {
        shape = shape.clone();
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of elements */
    public long numel() {
        return StoredTensor.numel(shape);
    }

    /** @return the size of the data in bytes */
    public long byteSize() {
        return numel() * dtype.size();
    }

    /**
     * @param shape the shape
     * @param values row-major float32 values (borrowed until written)
     * @return a float32 tensor of those values
     * @throws IllegalArgumentException if the counts differ
     */
    public static TensorSource floats(long[] shape, float[] values) {
        if (StoredTensor.numel(shape) != values.length) {
            throw new IllegalArgumentException(values.length + " values cannot fill shape " + Arrays.toString(shape));
        }
        return new TensorSource(DType.F32, shape, b -> b.asFloatBuffer().put(values));
    }

    /**
     * @param t a tensor read from a checkpoint
     * @return the same tensor, bytes and type unchanged, to write elsewhere
     */
    public static TensorSource of(StoredTensor t) {
        return new TensorSource(t.dtype(), t.shape(), b -> b.put(t.bytes()));
    }

    /**
     * One direct buffer for the largest of some tensors, to be reused for all: direct buffers are
     * freed only by the garbage collector, so one per tensor would let gigabytes of native memory
     * pile up while a model is written.
     */
    static ByteBuffer scratch(List<TensorSource> tensors) {
        long max = tensors.stream().mapToLong(TensorSource::byteSize).max().orElse(0);
        return ByteBuffer.allocateDirect(Math.toIntExact(max));
    }

    /**
     * @param scratch a buffer at least as large as this tensor
     * @return this tensor's bytes, produced into the start of {@code scratch}
     */
    ByteBuffer produce(ByteBuffer scratch) {
        ByteBuffer b = scratch.clear().limit(Math.toIntExact(byteSize())).slice().order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return b.clear();
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
