package org.depthfm.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Gathers a strided view of stored data into a contiguous row-major buffer. */
final class Strided {
    private Strided() {
    }

    /**
     * @param src the storage bytes
     * @param offset the view's first element, in elements
     * @param shape the view's shape
     * @param strides the view's strides, in elements
     * @param elemSize bytes per element
     * @return a direct buffer holding the view's elements in row-major order
     */
    static ByteBuffer gather(ByteBuffer src, long offset, long[] shape, long[] strides, int elemSize) {
        long n = StoredTensor.numel(shape);
        ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(n * elemSize)).order(ByteOrder.LITTLE_ENDIAN);
        long[] index = new long[shape.length];
        for (long i = 0; i < n; i++) {
            long at = offset;
            for (int d = 0; d < shape.length; d++) {
                at += index[d] * strides[d];
            }
            int from = Math.toIntExact(at * elemSize);
            for (int b = 0; b < elemSize; b++) {
                out.put(src.get(from + b));
            }
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out.flip();
    }

    /**
     * @param shape a shape
     * @return its row-major (C-order) strides, in elements
     */
    static long[] rowMajor(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /**
     * @param shape a shape
     * @return its column-major (Fortran-order) strides, in elements
     */
    static long[] columnMajor(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int d = 0; d < shape.length; d++) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /** @return whether the strides describe a row-major layout (sizes of 1 may have any stride) */
    static boolean isRowMajor(long[] shape, long[] strides) {
        long[] want = rowMajor(shape);
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1 && strides[d] != want[d]) {
                return false;
            }
        }
        return true;
    }
}
