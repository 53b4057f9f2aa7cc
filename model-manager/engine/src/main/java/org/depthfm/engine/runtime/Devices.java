package org.depthfm.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.function.Supplier;
import org.depthfm.base.Progress;
import org.depthfm.store.LibtorchStore;
import org.depthfm.store.StoreSettings;

/**
 * Chooses the device from a user's setting ({@code auto}, {@code cpu}, {@code cuda}, {@code cuda:N})
 * and says why. {@code auto} takes the first CUDA GPU when the loaded libtorch has CUDA, else CPU.
 */
public final class Devices {
    /** The DJL engine all networks run on. */
    public static final String ENGINE = "PyTorch";

    private Devices() {
    }

    /**
     * The PyTorch engine, loading libtorch on first use. DJL finds its engines and native
     * libraries through the thread's context class loader, which in ImageJ 1 and Fiji is not the
     * one that loaded the plugin's jars: the first call swaps in ours. Use this (not
     * {@code Engine.getEngine}) to reach libtorch first: it also turns on huge-page allocation
     * before libtorch allocates (see {@link HugePages}), and makes sure the libtorch build DJL
     * will load is in DJL's cache, fetched by the model store (see {@link DjlLibtorch}) where no
     * model download before it did so.
     *
     * @return the engine
     * @throws org.depthfm.store.ModelStoreException if libtorch is missing and cannot be fetched
     *     (offline), saying how to provide it
     */
    public static Engine engine() {
        HugePages.enable();
        return withPluginLoader(() -> {
            // first use without the model store's fetch before it (tools, selftest): fetch libtorch
            // here, silently, rather than let DJL download it its own way
            DjlLibtorch.request().filter(r -> LibtorchStore.find(r).isEmpty())
                    .ifPresent(r -> new LibtorchStore(StoreSettings.fromEnvironment()).ensure(r, Progress.NONE));
            return Engine.getEngine(ENGINE);
        });
    }

    /**
     * Runs DJL code with the thread's context class loader set to the one of DepthFM's jars, where
     * DJL looks for its engines and native libraries.
     *
     * @param work what to run
     * @return its result
     */
    static <T> T withPluginLoader(Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(Devices.class.getClassLoader());
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /**
     * Sets libtorch's intra-op threads (and one inter-op thread), which DJL reads from system
     * properties once, when libtorch starts; later calls have no effect on a started engine.
     *
     * @param threads CPU threads, at least 1
     */
    public static void useThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * @return a new NDManager on the CPU of the PyTorch engine
     */
    public static NDManager cpuManager() {
        return engine().newBaseManager(Device.cpu());
    }

    /**
     * @param spec auto, cpu, cuda, gpu, cuda:N or gpu:N
     * @return the device
     * @throws IllegalArgumentException for an unknown spec, or a GPU that libtorch cannot see (naming why)
     */
    public static Device resolve(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = engine().getGpuCount();
        if (s.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        int id;
        if (s.equals("cuda") || s.equals("gpu")) {
            id = 0;
        } else if (s.matches("(cuda|gpu):\\d+")) {
            id = Integer.parseInt(s.substring(s.indexOf(':') + 1));
        } else {
            throw new IllegalArgumentException("unknown device '" + spec + "': use auto, cpu, cuda or cuda:N");
        }
        if (id >= gpus) {
            throw new IllegalArgumentException("device " + s + " is not available: " + whyNoGpu(gpus)
                    + "; use --device cpu");
        }
        return Device.gpu(id);
    }

    /**
     * @param gpus the GPUs libtorch sees
     * @return a sentence on the GPUs, or on why there are none
     */
    public static String whyNoGpu(int gpus) {
        if (gpus > 0) {
            return "libtorch sees " + gpus + " CUDA GPU" + (gpus > 1 ? "s" : "");
        }
        String flavor = System.getenv("PYTORCH_FLAVOR");
        return "the loaded libtorch (" + engine().getVersion() + ", flavor " + (flavor == null ? "auto" : flavor)
                + ") sees no CUDA GPU: either there is none, its driver or CUDA runtime is missing (DJL then takes the"
                + " CPU build), or a CPU build of libtorch was loaded (the CPU libtorch jar on the class path, as the"
                + " command line has unless DEPTHFM_LIBTORCH=auto, or PYTORCH_FLAVOR=cpu)";
    }

    /**
     * @param device a device
     * @return "cpu" or "cuda:N"
     */
    public static String name(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
    }
}
