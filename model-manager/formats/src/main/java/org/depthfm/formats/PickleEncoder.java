package org.depthfm.formats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code data.pkl} of a {@code torch.save} checkpoint: pickle protocol 2 with the
 * opcodes and globals {@link Unpickler} (and Python's own unpickler) read. Java values map to
 * Python as: null to None, Boolean to bool, Integer/Long to int, Float/Double to float, String to
 * str, List to list, Map to dict ({@code collections.OrderedDict} when every value is a tensor, as
 * torch state dicts are), and {@link TensorSource} to a tensor over its own storage, whose key is
 * its index in {@link #tensors()}.
 */
final class PickleEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<TensorSource> tensors = new ArrayList<>();

    /**
     * @param top the object to pickle
     * @return the encoder, holding the pickle and the tensors it refers to
     */
    static PickleEncoder encode(Object top) {
        PickleEncoder e = new PickleEncoder();
        e.op(0x80).op(2);
        e.value(top);
        e.op('.');
        return e;
    }

    /** @return the pickle's bytes */
    byte[] bytes() {
        return out.toByteArray();
    }

    /** @return the tensors, in the order of their storage keys "0", "1", ... */
    List<TensorSource> tensors() {
        return Collections.unmodifiableList(tensors);
    }

    private PickleEncoder op(int code) {
        out.write(code);
        return this;
    }

    private void value(Object v) {
        if (v == null) {
            op('N');
        } else if (v instanceof Boolean b) {
            op(b ? 0x88 : 0x89);
        } else if (v instanceof Integer || v instanceof Long) {
            integer(((Number) v).longValue());
        } else if (v instanceof Float || v instanceof Double) {
            op('G');
            double d = ((Number) v).doubleValue();
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(d).array());
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof List<?> l) {
            op(']');
            if (!l.isEmpty()) {
                op('(');
                l.forEach(this::value);
                op('e');
            }
        } else if (v instanceof Map<?, ?> m) {
            boolean stateDict = !m.isEmpty() && m.values().stream().allMatch(x -> x instanceof TensorSource);
            if (stateDict) {
                global("collections", "OrderedDict");
                op(')').op('R');
            } else {
                op('}');
            }
            if (!m.isEmpty()) {
                op('(');
                m.forEach((k, x) -> {
                    value(k);
                    value(x);
                });
                op('u');
            }
        } else if (v instanceof TensorSource t) {
            tensor(t);
        } else {
            throw new IllegalArgumentException("cannot pickle a " + v.getClass().getName());
        }
    }

    /** {@code _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())} over a fresh storage. */
    private void tensor(TensorSource t) {
        String key = Integer.toString(tensors.size());
        tensors.add(t);
        long[] shape = t.shape();
        global("torch._utils", "_rebuild_tensor_v2");
        op('(');
        // persistent id ('storage', torch.<Type>Storage, key, 'cpu', numel)
        op('(');
        string("storage");
        global("torch", t.dtype().torchStorage());
        string(key);
        string("cpu");
        integer(t.numel());
        op('t').op('Q');
        integer(0);
        longTuple(shape);
        longTuple(Strided.rowMajor(shape));
        op(0x89);
        global("collections", "OrderedDict");
        op(')').op('R');
        op('t').op('R');
    }


    private void longTuple(long[] values) {
        op('(');
        for (long x : values) {
            integer(x);
        }
        op('t');
    }

    private void global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        out.writeBytes(b);
    }

    private void integer(long x) {
        if (x >= 0 && x < 256) {
            op('K').op((int) x);
        } else if (x >= 0 && x < 65536) {
            op('M').op((int) (x & 0xff)).op((int) (x >>> 8));
        } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
            op('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) x).array());
        } else {
            // LONG1: 8 little-endian two's-complement bytes
            op(0x8a).op(8);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(x).array());
        }
    }
}
