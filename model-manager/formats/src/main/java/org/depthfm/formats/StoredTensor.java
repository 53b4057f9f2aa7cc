package org.depthfm.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One tensor of a checkpoint: name, element type, shape, and its little-endian bytes in row-major
 * order, read only when asked for (from a memory-mapped region of the file, so nothing is copied
 * into the Java heap).
 */
public final class StoredTensor {
    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final Supplier<ByteBuffer> data;

    /**
     * @param name the key in the checkpoint
     * @param dtype the element type as stored
     * @param shape the shape
     * @param data supplies the row-major bytes (exactly {@code numel * dtype.size()} of them)
     */
    public StoredTensor(String name, DType dtype, long[] shape, Supplier<ByteBuffer> data) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    /** @return the key in the checkpoint */
    public String name() {
        return name;
    }

    /** @return the element type as stored */
    public DType dtype() {
        return dtype;
    }

    /** @return a copy of the shape */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of elements */
    public long numel() {
        return numel(shape);
    }

    /** @return the stored bytes, little-endian, positioned at 0, read-only where the file is mapped */
    public ByteBuffer bytes() {
        ByteBuffer b = data.get().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long want = numel() * dtype.size();
        if (b.remaining() != want) {
            throw new CheckpointException("tensor '" + name + "' has " + b.remaining() + " bytes of data but its shape "
                    + Arrays.toString(shape) + " and type " + dtype + " need " + want + "; the file is corrupt");
        }
        return b;
    }

    /**
     * The values as float32 in a direct buffer: the stored bytes themselves when they already are
     * float32, otherwise a converted copy outside the Java heap.
     *
     * @return a direct little-endian buffer of {@code numel} floats
     */
    public ByteBuffer float32() {
        ByteBuffer src = bytes();
        if (dtype == DType.F32) {
            return src.isDirect() ? src : copyDirect(src);
        }
        int n = Math.toIntExact(numel());
        ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out.putFloat(Half.toFloat(src.getShort()));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out.putFloat(Float.intBitsToFloat((src.getShort() & 0xffff) << 16));
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out.putFloat((float) src.getDouble());
                }
            }
            default -> throw new CheckpointException("tensor '" + name + "' holds " + dtype
                    + " values where floating-point weights are expected");
        }
        return out.flip();
    }

    /** @return the values as a float array (for small tensors: embeddings, tests) */
    public float[] toFloatArray() {
        ByteBuffer b = float32();
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** @return the values of an integer or boolean tensor as longs */
    public long[] toLongArray() {
        ByteBuffer b = bytes();
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case I64 -> b.getLong();
                case I32 -> b.getInt();
                case I16 -> b.getShort();
                case I8 -> b.get();
                case U8, BOOL -> b.get() & 0xff;
                default -> throw new CheckpointException("tensor '" + name + "' is " + dtype + ", not an integer tensor");
            };
        }
        return out;
    }

    /**
     * @param shape a shape
     * @return the product of its sizes
     */
    public static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    private static ByteBuffer copyDirect(ByteBuffer src) {
        ByteBuffer out = ByteBuffer.allocateDirect(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(src.duplicate());
        return out.flip();
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
