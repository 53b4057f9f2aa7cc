package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.depthfm.formats.CheckpointException;
import org.depthfm.formats.DType;
import org.depthfm.formats.StoredTensor;
import org.depthfm.formats.TensorStore;

/**
 * Turns the tensors of one checkpoint into NDArrays on the model's device, once, at load time.
 * On CPU in float32 a float32 tensor is wrapped in place (the memory-mapped file is the weight);
 * other combinations convert once here, never per call. Keys that were read are recorded so that
 * the loader can report what a checkpoint holds beyond what the configuration uses.
 */
public final class Weights {
    private static final int PAGE = 4096;
    private final TensorStore store;
    private final NDManager manager;
    private final Flops flops;
    private final DataType dtype;
    private final String source;
    private final Set<String> used = new LinkedHashSet<>();
    private final GroupNorm.UnitAffine unitAffine;
    /** In planning mode (no store): every tensor the network asks for, with its shape. */
    private final Map<String, long[]> plan;
    /** In planning mode: each key prefix, and the class that reads the subtree under it. */
    private final Map<String, Class<?>> consumers;
    private long mappedBytes;
    /** Folds the bytes read by {@link #touchPages}, so the reads cannot be optimised away. */
    private byte touched;

    /**
     * @param store the checkpoint's tensors
     * @param manager owns every weight; its device is the model's device
     * @param dtype the compute type of the weights ({@code FLOAT32}, or {@code FLOAT16} on CUDA)
     * @param source a name for the checkpoint in error messages
     * @param flops counts the operations of the layers built on these weights
     */
    public Weights(TensorStore store, NDManager manager, DataType dtype, String source, Flops flops) {
        this(store, manager, dtype, source, null, flops);
    }

    private Weights(TensorStore store, NDManager manager, DataType dtype, String source, Map<String, long[]> plan,
            Flops flops) {
        this.flops = flops;
        this.store = store;
        this.manager = manager;
        this.dtype = dtype;
        this.source = source;
        this.plan = plan;
        this.consumers = plan == null ? null : new LinkedHashMap<>();
        this.unitAffine = new GroupNorm.UnitAffine(manager);
    }

    /**
     * Weights without a checkpoint, for learning what a configuration needs: building a network
     * on them records every key and shape it asks for (see {@link #planned()}) and hands out
     * uninitialised arrays. Optional or alternative keys are taken as absent.
     *
     * @param manager owns the placeholder arrays (close it after planning)
     * @return planning weights
     */
    public static Weights planning(NDManager manager) {
        return new Weights(null, manager, DataType.FLOAT32, "plan", new LinkedHashMap<>(), new Flops());
    }

    /** @return in planning mode, the keys and shapes asked for, in order */
    public Map<String, long[]> planned() {
        if (plan == null) {
            throw new IllegalStateException("not planning weights");
        }
        return Collections.unmodifiableMap(plan);
    }

    /** @return bytes of weights used in place from the memory-mapped file (float32 on CPU), not copied */
    public long mappedBytes() {
        return mappedBytes;
    }

    GroupNorm.UnitAffine unitAffine() {
        return unitAffine;
    }

    /** @return the operation counter of the layers built on these weights */
    Flops flops() {
        return flops;
    }

    /** @return the root of the key tree */
    public ParamTree root() {
        return new ParamTree(this, "");
    }

    /** @return the compute type of the weights */
    public DataType dtype() {
        return dtype;
    }

    /** @return the manager that owns the weights */
    public NDManager manager() {
        return manager;
    }

    boolean has(String key) {
        return plan == null && store.contains(key);
    }

    long[] shape(String key) {
        if (plan != null) {
            return null;
        }
        StoredTensor t = store.find(key);
        if (t == null) {
            throw new CheckpointException(source + " has no weight '" + key + "' that the model configuration needs;"
                    + " the weights and the configuration do not belong together");
        }
        return t.shape();
    }

    /**
     * @return in planning mode, every key prefix in the order the network reads them, with the
     *     class that reads the subtree under it (the block the prefix names)
     */
    public Map<String, Class<?>> consumers() {
        if (consumers == null) {
            throw new IllegalStateException("not planning weights");
        }
        return Collections.unmodifiableMap(consumers);
    }

    /** Planning: the first class outside {@link ParamTree} that reads a subtree is its consumer. */
    void consumed(ParamTree tree) {
        if (consumers != null && !consumers.containsKey(tree.toString())) {
            Class<?> reader = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                            .filter(c -> c != ParamTree.class && c != Weights.class).findFirst().orElseThrow());
            consumers.put(tree.toString(), reader);
        }
    }

    /** @return the names in the checkpoint that no layer has read */
    public Set<String> unused() {
        if (plan != null) {
            return Set.of();
        }
        Set<String> rest = new LinkedHashSet<>(store.names());
        rest.removeAll(used);
        return rest;
    }

    NDArray load(String key, long[] expectedShape, DataType type) {
        if (plan != null) {
            plan.put(key, expectedShape.clone());
            NDArray empty = manager.create(new Shape(expectedShape), type);
            NDScope.unregister(empty);
            return empty;
        }
        StoredTensor t = store.find(key);
        if (t == null) {
            throw new CheckpointException(source + " has no weight '" + key + "' that the model configuration needs;"
                    + " the weights and the configuration do not belong together");
        }
        if (expectedShape != null && !Arrays.equals(t.shape(), expectedShape)) {
            throw new CheckpointException(source + ": weight '" + key + "' has shape " + Arrays.toString(t.shape())
                    + " but the configuration implies " + Arrays.toString(expectedShape));
        }
        if (!t.dtype().isFloat()) {
            throw new CheckpointException(source + ": weight '" + key + "' is " + t.dtype() + ", not floating point");
        }
        used.add(key);
        Shape shape = new Shape(t.shape());
        NDArray out;
        if (t.dtype() == DType.F16) {
            // native half to float conversion; wraps the mapped bytes without a Java-side copy
            NDArray half = manager.create(t.bytes(), shape, DataType.FLOAT16);
            out = type == DataType.FLOAT16 ? half : convert(half, type);
        } else {
            ByteBuffer f32 = t.float32();
            NDArray single = manager.create(f32, shape, DataType.FLOAT32);
            out = type == DataType.FLOAT32 ? single : convert(single, type);
            if (t.dtype() == DType.F32 && out == single && !manager.getDevice().isGpu()) {
                mappedBytes += f32.capacity();
                touched ^= touchPages(f32);
            }
        }
        NDScope.unregister(out);
        return out;
    }

    /**
     * Reads one byte of every page of a weight used in place from the mapped file, so the file is
     * read while loading (as {@code torch.load} does) rather than by page faults in the middle of
     * the first prediction, whose time would then depend on the disk.
     */
    private static byte touchPages(ByteBuffer mapped) {
        byte b = 0;
        for (int i = 0; i < mapped.capacity(); i += PAGE) {
            b ^= mapped.get(i);
        }
        return b;
    }

    private static NDArray convert(NDArray a, DataType type) {
        NDArray c = a.toType(type, false);
        a.close();
        return c;
    }
}
