package org.depthfm.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A {@code torch.save} checkpoint in the zip layout (PyTorch 1.6 and later): {@code <root>/data.pkl}
 * holds the pickled object tree, {@code <root>/data/<key>} the raw storages. The pickle is read by
 * {@link Unpickler} with an allow-list, tensors become {@link StoredTensor}s over memory-mapped
 * storage entries, and OmegaConf containers become plain maps and lists.
 */
public final class TorchCheckpoint {
    private final Path path;
    private final Map<Object, Object> root;

    private TorchCheckpoint(Path path, Map<Object, Object> root) {
        this.path = path;
        this.root = root;
    }

    /** A storage named in the pickle: element type, zip key, element count and its mapped bytes. */
    private record Storage(DType dtype, String key, long numel, ByteBuffer data) {
    }

    /** A tensor named in the pickle: a view of a storage. */
    private record TensorRef(Storage storage, long offset, long[] shape, long[] strides) {
    }

    /**
     * Opens a checkpoint, reads its pickle and indexes its storages. No tensor data is read.
     *
     * @param path the {@code .ckpt}/{@code .pt} file
     * @return the checkpoint
     * @throws CheckpointException if the file is not a complete torch zip checkpoint, or its pickle
     *     refers to anything a weights file must not hold
     */
    public static TorchCheckpoint open(Path path) {
        try (MappedFile file = new MappedFile(path)) {
            byte[] head = file.read(0, (int) Math.min(4, file.size()));
            if (head.length < 4 || head[0] != 'P' || head[1] != 'K') {
                throw new CheckpointException(path + " is not a torch.save zip checkpoint"
                        + (head.length > 0 && (head[0] & 0xff) == 0x80
                                ? " (it is a legacy pre-1.6 PyTorch file: re-save it with a current torch.save)"
                                : "") + "; download it again or check the file");
            }
            Map<String, ZipDirectory.Entry> entries = ZipDirectory.read(file);
            String prefix = archiveRoot(path, entries);
            ZipDirectory.Entry byteorder = entries.get(prefix + "byteorder");
            if (byteorder != null && new String(bytes(file, byteorder), StandardCharsets.US_ASCII).trim().equals("big")) {
                throw new CheckpointException(path + " was saved on a big-endian machine; re-save it on a little-endian one");
            }
            Map<String, ByteBuffer> storageData = new LinkedHashMap<>();
            Unpickler unpickler = new Unpickler(callables(), classes(),
                    id -> storage(file, entries, prefix, id, storageData));
            Object top = unpickler.load(bytes(file, entries.get(prefix + "data.pkl")), path.getFileName() + " (data.pkl)");
            if (!(top instanceof Map<?, ?> m)) {
                throw new CheckpointException(path + " does not hold a dict of weights (found "
                        + Unpickler.describe(top) + ")");
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> root = (Map<Object, Object>) m;
            return new TorchCheckpoint(path, root);
        }
    }

    private static String archiveRoot(Path path, Map<String, ZipDirectory.Entry> entries) {
        String found = null;
        for (String name : entries.keySet()) {
            if (name.endsWith("data.pkl") && (name.equals("data.pkl") || name.endsWith("/data.pkl"))) {
                String prefix = name.substring(0, name.length() - "data.pkl".length());
                if (prefix.indexOf('/') == prefix.length() - 1 || prefix.isEmpty()) {
                    if (found != null) {
                        throw new CheckpointException(path + " holds more than one data.pkl; it is not a single checkpoint");
                    }
                    found = prefix;
                }
            }
        }
        if (found == null) {
            throw new CheckpointException(path + " is a zip archive but not a torch.save checkpoint (no data.pkl)");
        }
        return found;
    }

    private static Map<String, Boolean> classes() {
        Map<String, Boolean> c = new LinkedHashMap<>(PickledValues.classes());
        for (DType t : DType.values()) {
            c.put("torch." + t.torchStorage(), false);
        }
        return c;
    }

    private static Map<String, Unpickler.Callable> callables() {
        Map<String, Unpickler.Callable> c = new LinkedHashMap<>(PickledValues.callables());
        c.put("torch._utils._rebuild_tensor_v2", TorchCheckpoint::rebuildTensor);
        c.put("torch._utils._rebuild_tensor", TorchCheckpoint::rebuildTensor);
        c.put("torch._utils._rebuild_parameter", args -> args.get(0));
        return c;
    }

    private static Object rebuildTensor(List<Object> args) {
        if (!(args.get(0) instanceof Storage s)) {
            throw new CheckpointException("a tensor in the checkpoint is not backed by a storage");
        }
        long offset = ((Number) args.get(1)).longValue();
        return new TensorRef(s, offset, longs(args.get(2)), longs(args.get(3)));
    }

    private static long[] longs(Object o) {
        List<?> l = (List<?>) o;
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).longValue();
        }
        return out;
    }

    private static Object storage(MappedFile file, Map<String, ZipDirectory.Entry> entries, String prefix,
            List<Object> id, Map<String, ByteBuffer> storageData) {
        if (id.size() < 5 || !"storage".equals(id.get(0)) || !(id.get(1) instanceof Unpickler.Global type)) {
            throw new CheckpointException(file.path() + " refers to external data of an unknown kind");
        }
        DType dtype = type.module().equals("torch") ? DType.fromTorchStorage(type.name()) : null;
        if (dtype == null) {
            throw new CheckpointException(file.path() + " uses storage type '" + type.qualified() + "', which is not supported");
        }
        String key = String.valueOf(id.get(2));
        long numel = ((Number) id.get(4)).longValue();
        ZipDirectory.Entry e = entries.get(prefix + "data/" + key);
        if (e == null) {
            throw new CheckpointException(file.path() + " lacks the data of storage " + key + "; the file is incomplete");
        }
        if (e.size() != numel * dtype.size()) {
            throw new CheckpointException(file.path() + ": storage " + key + " has " + e.size() + " bytes but should have "
                    + numel * dtype.size() + "; the file is corrupt");
        }
        return new Storage(dtype, key, numel, storageData.computeIfAbsent(key, k -> data(file, e)));
    }

    private static ByteBuffer data(MappedFile file, ZipDirectory.Entry e) {
        if (e.method() == 0) {
            return file.map(e.dataOffset(), e.size());
        }
        if (e.method() != 8) {
            throw new CheckpointException(file.path() + ": entry '" + e.name() + "' uses zip compression method "
                    + e.method() + ", which is not supported");
        }
        ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(e.size())).order(ByteOrder.LITTLE_ENDIAN);
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(file.map(e.dataOffset(), e.compressedSize()));
            while (out.hasRemaining() && !inf.finished()) {
                if (inf.inflate(out) == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException ex) {
            throw new CheckpointException(file.path() + ": entry '" + e.name() + "' is corrupt: " + ex.getMessage(), ex);
        } finally {
            inf.end();
        }
        if (out.hasRemaining()) {
            throw new CheckpointException(file.path() + ": entry '" + e.name() + "' is truncated");
        }
        return out.flip();
    }

    private static byte[] bytes(MappedFile file, ZipDirectory.Entry e) {
        ByteBuffer b = data(file, e);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return the top-level keys */
    public Set<Object> keys() {
        return Collections.unmodifiableSet(root.keySet());
    }

    /**
     * @param key a top-level key
     * @return the value as plain data (maps, lists, numbers, strings; OmegaConf read as plain), or null
     */
    public Object value(String key) {
        return PickledValues.plain(root.get(key));
    }

    /**
     * @param key a top-level key holding a tensor or a numpy array
     * @return the tensor
     * @throws CheckpointException if the key is missing or holds something else
     */
    public StoredTensor tensor(String key) {
        Object v = root.get(key);
        if (v == null) {
            throw new CheckpointException(path + " has no '" + key + "'; it is not a DepthFM checkpoint");
        }
        return toTensor(key, v);
    }

    /**
     * @param key a top-level key holding a dict of tensors (e.g. {@code state_dict})
     * @return the tensors, by name, in file order
     * @throws CheckpointException if the key is missing or holds something else
     */
    public TensorStore tensors(String key) {
        if (!(root.get(key) instanceof Map<?, ?> m)) {
            throw new CheckpointException(path + " has no '" + key + "' dict of tensors; it is not a DepthFM checkpoint");
        }
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), toTensor(String.valueOf(k), v)));
        Map<String, StoredTensor> view = Collections.unmodifiableMap(out);
        return new TensorStore() {
            @Override
            public Set<String> names() {
                return view.keySet();
            }

            @Override
            public StoredTensor find(String name) {
                return view.get(name);
            }
        };
    }

    private StoredTensor toTensor(String name, Object v) {
        if (v instanceof PickledValues.NumpyArray a) {
            return a.toTensor(name);
        }
        if (!(v instanceof TensorRef t)) {
            throw new CheckpointException(path + ": '" + name + "' is " + Unpickler.describe(v) + ", not a tensor");
        }
        Storage s = t.storage();
        long[] shape = t.shape();
        long[] strides = t.strides();
        if (strides.length != shape.length) {
            throw new CheckpointException(path + ": tensor '" + name + "' has inconsistent shape and strides");
        }
        long last = t.offset();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || strides[d] < 0) {
                throw new CheckpointException(path + ": tensor '" + name + "' has a negative size or stride");
            }
            last += (shape[d] - 1) * strides[d];
        }
        if (t.offset() < 0 || (StoredTensor.numel(shape) > 0 && last >= s.numel())) {
            throw new CheckpointException(path + ": tensor '" + name + "' reaches beyond its storage; the file is corrupt");
        }
        int size = s.dtype().size();
        if (Strided.isRowMajor(shape, strides)) {
            long bytes = StoredTensor.numel(shape) * size;
            ByteBuffer view = s.data().duplicate().position(Math.toIntExact(t.offset() * size))
                    .limit(Math.toIntExact(t.offset() * size + bytes)).slice().order(ByteOrder.LITTLE_ENDIAN);
            return new StoredTensor(name, s.dtype(), shape, () -> view);
        }
        return new StoredTensor(name, s.dtype(), shape,
                () -> Strided.gather(s.data(), t.offset(), shape, strides, size));
    }
}
