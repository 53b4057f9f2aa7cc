package org.depthfm.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.depthfm.formats.Unpickler.Buildable;
import org.depthfm.formats.Unpickler.Global;
import org.depthfm.formats.Unpickler.PyObject;

/**
 * The Python values a DepthFM checkpoint may hold besides tensors, and the allow-list of globals
 * that builds them without running any Python: ordered dicts, numpy arrays and scalars, and
 * OmegaConf containers (read back as plain maps and lists).
 */
final class PickledValues {
    private PickledValues() {
    }

    /** Globals that may appear as plain values or be instantiated, beside the callables. */
    static Map<String, Boolean> classes() {
        Map<String, Boolean> c = new LinkedHashMap<>();
        for (String b : List.of("builtins", "__builtin__")) {
            for (String t : List.of("dict", "list", "int", "long", "float", "str", "bool", "object", "tuple")) {
                c.put(b + "." + t, false);
            }
        }
        c.put("typing.Any", false);
        for (String np : List.of("numpy", "numpy.core.multiarray", "numpy._core.multiarray")) {
            c.put(np + ".ndarray", false);
        }
        for (String o : List.of("dictconfig.DictConfig", "listconfig.ListConfig", "base.ContainerMetadata",
                "base.Metadata", "nodes.AnyNode", "nodes.IntegerNode", "nodes.FloatNode", "nodes.BooleanNode",
                "nodes.StringNode", "nodes.BytesNode", "nodes.PathNode", "nodes.ValueNode")) {
            c.put("omegaconf." + o, true);
        }
        return c;
    }

    /** Python callables that build plain data, by qualified name. */
    static Map<String, Unpickler.Callable> callables() {
        Map<String, Unpickler.Callable> c = new LinkedHashMap<>();
        c.put("collections.OrderedDict", PickledValues::orderedDict);
        c.put("collections.defaultdict", args -> new LinkedHashMap<>());
        c.put("_codecs.encode", PickledValues::encode);
        for (String np : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            c.put(np + "._reconstruct", args -> new NumpyArray());
            c.put(np + ".scalar", PickledValues::scalar);
        }
        for (String np : List.of("numpy.core.numeric", "numpy._core.numeric")) {
            c.put(np + "._frombuffer", PickledValues::fromBuffer);
        }
        c.put("numpy.dtype", args -> new NumpyDType((String) args.get(0)));
        return c;
    }

    private static Object orderedDict(List<Object> args) {
        Map<Object, Object> m = new LinkedHashMap<>();
        if (!args.isEmpty() && args.get(0) instanceof List<?> items) {
            for (Object kv : items) {
                List<?> pair = (List<?>) kv;
                m.put(Unpickler.key(pair.get(0), "an OrderedDict in the checkpoint"), pair.get(1));
            }
        }
        return m;
    }

    /**
     * Protocol 5 writes a contiguous array as {@code _frombuffer(buffer, dtype, shape, order)}: the
     * bytes in C order, or in Fortran order when {@code order} is 'F'.
     */
    private static Object fromBuffer(List<Object> args) {
        NumpyArray a = new NumpyArray();
        a.build(Arrays.asList(1L, args.get(2), args.get(1), "F".equals(args.get(3)), args.get(0)));
        return a;
    }

    /** Protocol 2 writes Python 3 bytes as {@code _codecs.encode(text, 'latin1')}. */
    private static Object encode(List<Object> args) {
        String enc = args.size() > 1 ? String.valueOf(args.get(1)) : "utf-8";
        if (!enc.equals("latin1") && !enc.equals("latin-1")) {
            throw new CheckpointException("unexpected _codecs.encode encoding '" + enc + "' in the checkpoint");
        }
        return ((String) args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Object scalar(List<Object> args) {
        NumpyDType dt = (NumpyDType) args.get(0);
        ByteBuffer b = ByteBuffer.wrap((byte[]) args.get(1)).order(dt.order());
        return switch (dt.dtype()) {
            case F32 -> (double) b.getFloat();
            case F64 -> b.getDouble();
            case F16 -> (double) Half.toFloat(b.getShort());
            case I64 -> b.getLong();
            case I32 -> (long) b.getInt();
            case I16 -> (long) b.getShort();
            case I8 -> (long) b.get();
            case U8 -> (long) (b.get() & 0xff);
            case BOOL -> b.get() != 0;
            default -> throw new CheckpointException("unsupported numpy scalar type " + dt.descr());
        };
    }

    /** A numpy dtype: {@code numpy.dtype('f4', False, True)} then BUILD with its byte order. */
    static final class NumpyDType implements Buildable {
        private final String descr;
        private char byteOrder = '<';

        NumpyDType(String descr) {
            this.descr = descr;
        }

        String descr() {
            return descr;
        }

        DType dtype() {
            return DType.fromNumpy(descr);
        }

        ByteOrder order() {
            return byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }

        @Override
        public void build(Object state) {
            if (state instanceof List<?> s && s.size() > 1 && s.get(1) instanceof String o && !o.isEmpty()) {
                byteOrder = o.charAt(0);
            }
        }
    }

    /** A numpy array: {@code _reconstruct(ndarray, (0,), b'b')} then BUILD (version, shape, dtype, fortran, data). */
    static final class NumpyArray implements Buildable {
        private long[] shape;
        private NumpyDType dtype;
        private boolean fortran;
        private byte[] data;

        @Override
        public void build(Object state) {
            List<?> s = (List<?>) state;
            List<?> dims = (List<?>) s.get(1);
            shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = ((Number) dims.get(i)).longValue();
            }
            dtype = (NumpyDType) s.get(2);
            fortran = Boolean.TRUE.equals(s.get(3));
            if (!(s.get(4) instanceof byte[] bytes)) {
                throw new CheckpointException("a numpy array in the checkpoint holds Python objects, not numbers");
            }
            data = bytes;
        }

        StoredTensor toTensor(String name) {
            if (dtype == null) {
                throw new CheckpointException("numpy array '" + name + "' in the checkpoint is incomplete");
            }
            DType t = dtype.dtype();
            long want;
            try {
                want = Math.multiplyExact(StoredTensor.numel(shape), t.size());
            } catch (ArithmeticException e) {
                want = -1;
            }
            if (want != data.length) {
                throw new CheckpointException("numpy array '" + name + "' in the checkpoint has " + data.length
                        + " bytes but its shape " + Arrays.toString(shape) + " and type " + dtype.descr() + " need "
                        + (want < 0 ? "more" : String.valueOf(want)) + "; the file is corrupt");
            }
            ByteBuffer raw = ByteBuffer.wrap(data).order(dtype.order());
            ByteBuffer le = ByteBuffer.allocateDirect(data.length).order(ByteOrder.LITTLE_ENDIAN);
            if (dtype.order() == ByteOrder.LITTLE_ENDIAN || t.size() == 1) {
                le.put(raw);
            } else {
                for (int i = 0; i < data.length; i += t.size()) {
                    for (int b = t.size() - 1; b >= 0; b--) {
                        le.put(data[i + b]);
                    }
                }
            }
            le.flip();
            ByteBuffer rows = fortran ? Strided.gather(le, 0, shape, Strided.columnMajor(shape), t.size()) : le;
            return new StoredTensor(name, t, shape, () -> rows);
        }
    }

    /** Deeper than any configuration; a pickled container that contains itself reaches it. */
    private static final int MAX_DEPTH = 1000;

    /**
     * Turns OmegaConf containers into plain maps and lists, recursively; other values pass through.
     *
     * @param o an unpickled value
     * @return the same value with every DictConfig/ListConfig/ValueNode replaced by its content
     * @throws CheckpointException if the value nests deeper than any configuration (a container
     *     that contains itself, in a corrupt pickle)
     */
    static Object plain(Object o) {
        return plain(o, 0);
    }

    private static Object plain(Object o, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CheckpointException("a value in the checkpoint nests more than " + MAX_DEPTH
                    + " levels deep (or contains itself); the pickle is corrupt");
        }
        if (o instanceof PyObject p && p.type().module().startsWith("omegaconf")) {
            Map<?, ?> state = p.state() instanceof Map<?, ?> m ? m : Map.of();
            String cls = p.type().name();
            if (cls.equals("DictConfig") || cls.equals("ListConfig")) {
                return plain(state.get("_content"), depth + 1);
            }
            return plain(state.get("_val"), depth + 1);
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, plain(v, depth + 1)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(plain(v, depth + 1)));
            return out;
        }
        if (o instanceof Global g) {
            return g.qualified();
        }
        return o;
    }
}
