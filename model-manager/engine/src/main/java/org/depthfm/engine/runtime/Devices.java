package org.depthfm.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depthfm.base.Progress;
import org.depthfm.store.LibtorchStore;
import org.depthfm.store.StoreSettings;

/**
 * Chooses the device from a user's setting ({@code auto}, {@code cpu}, {@code cuda}, {@code cuda:N})
 * and says why. {@code auto} takes the first CUDA GPU when the loaded libtorch has CUDA, else CPU;
 * when an NVIDIA driver is loaded but libtorch sees no GPU (a driver too old for CUDA 12.8, or the
 * CPU build of libtorch), it says so in one line and runs on the CPU.
 */
public final class Devices {
    /** The DJL engine all networks run on. */
    public static final String ENGINE = "PyTorch";
    /**
     * The oldest Linux driver that runs libtorch 2.7.1's CUDA 12.8 build: CUDA 12's minor-version
     * compatibility floor (NVIDIA's CUDA compatibility guide). Older drivers make every CUDA call
     * fail with "driver insufficient", so libtorch sees no GPU.
     */
    public static final String MIN_DRIVER = "525.60.13";
    /** The driver NVIDIA's CUDA 12.8 release notes name for the toolkit itself (full compatibility). */
    public static final String CUDA_12_8_DRIVER = "570.26";
    /** Where Linux publishes the loaded NVIDIA kernel module's version. */
    private static final Path SYS_DRIVER = Path.of("/sys/module/nvidia/version");
    private static final Path PROC_DRIVER = Path.of("/proc/driver/nvidia/version");
    private static final Pattern DRIVER_VERSION = Pattern.compile("\\b(\\d{3,}\\.\\d+(?:\\.\\d+)?)\\b");

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
     * The device for a setting; {@code auto} on a machine with an NVIDIA driver whose GPU libtorch
     * cannot use prints why, in one line on standard error, and takes the CPU.
     *
     * @param spec auto, cpu, cuda, gpu, cuda:N or gpu:N
     * @return the device
     * @throws IllegalArgumentException for an unknown spec, or a GPU that libtorch cannot see (naming why)
     */
    public static Device resolve(String spec) {
        return resolve(spec, line -> System.err.println("depthfm: " + line));
    }

    /**
     * @param spec auto, cpu, cuda, gpu, cuda:N or gpu:N
     * @param notice receives the one line said when {@code auto} falls back to the CPU although an
     *     NVIDIA driver is loaded
     * @return the device
     * @throws IllegalArgumentException for an unknown spec, or a GPU that libtorch cannot see (naming why)
     */
    public static Device resolve(String spec, Consumer<String> notice) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = engine().getGpuCount();
        if (s.equals("auto")) {
            if (gpus > 0) {
                return Device.gpu(0);
            }
            if (nvidiaDriver() != null) {
                notice.accept(whyNoGpu(0) + "; running on the CPU");
            }
            return Device.cpu();
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
            return whyNoGpu(gpus, null, true, null);
        }
        Path dir = Path.of(LibUtils.getLibtorchPath());
        boolean cuda = Files.exists(dir.resolve(System.mapLibraryName("torch_cuda")));
        return whyNoGpu(0, nvidiaDriver(), cuda, "libtorch " + engine().getVersion() + " in " + dir);
    }

    /**
     * The reason as a pure function of what was found, for {@link #whyNoGpu(int)} and its tests.
     *
     * @param gpus the GPUs libtorch sees
     * @param driver the loaded NVIDIA driver's version, or null for none
     * @param cudaBuild whether the loaded libtorch is a CUDA build
     * @param libtorch the loaded libtorch's version and folder, for the message
     * @return a sentence on the GPUs, or on why there are none and what to do
     */
    static String whyNoGpu(int gpus, String driver, boolean cudaBuild, String libtorch) {
        if (gpus > 0) {
            return "libtorch sees " + gpus + " CUDA GPU" + (gpus > 1 ? "s" : "");
        }
        if (!cudaBuild) {
            return (driver == null ? "no NVIDIA driver is loaded, and " : "NVIDIA driver " + driver + " is loaded but ")
                    + "the loaded " + libtorch + " is the CPU build (to use a GPU, start with DEPTHFM_LIBTORCH=auto"
                    + " and PYTORCH_FLAVOR=cu128, or point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch 2.7.1 with"
                    + " PYTORCH_FLAVOR=cu128)";
        }
        if (driver == null) {
            return "the loaded " + libtorch + " is a CUDA build but no NVIDIA driver is loaded (no "
                    + PROC_DRIVER + "): install the NVIDIA driver, " + CUDA_12_8_DRIVER + " or newer";
        }
        if (olderThan(driver, MIN_DRIVER)) {
            return "NVIDIA driver " + driver + " is too old for the CUDA 12.8 build of libtorch 2.7.1 (it needs "
                    + MIN_DRIVER + " or newer, " + CUDA_12_8_DRIVER + " or newer recommended): update the driver";
        }
        return "the loaded " + libtorch + " is a CUDA build and NVIDIA driver " + driver + " is loaded, but libtorch"
                + " sees no GPU: check that CUDA_VISIBLE_DEVICES does not hide it and that nvidia-smi lists it";
    }

    /**
     * @return the version of the loaded NVIDIA kernel driver (Linux), e.g. "570.124.06", or null
     *     when none is loaded or this is not Linux
     */
    public static String nvidiaDriver() {
        String v = driverVersion(read(SYS_DRIVER));
        return v != null ? v : driverVersion(read(PROC_DRIVER));
    }

    /**
     * @param text the content of {@code /sys/module/nvidia/version} ("570.124.06") or of
     *     {@code /proc/driver/nvidia/version} ("NVRM version: NVIDIA UNIX x86_64 Kernel Module
     *     570.124.06 ..."), or null
     * @return the driver version in it, or null
     */
    static String driverVersion(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DRIVER_VERSION.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * @param version a dotted version, e.g. "470.82.01"
     * @param than another, e.g. "525.60.13"
     * @return whether {@code version} is older, comparing the numbers in turn (a missing one counts as 0)
     */
    static boolean olderThan(String version, String than) {
        String[] a = version.split("\\.");
        String[] b = than.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? Long.parseLong(a[i]) : 0;
            long y = i < b.length ? Long.parseLong(b[i]) : 0;
            if (x != y) {
                return x < y;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            // no NVIDIA kernel module (or not Linux): there is no driver to name
            return null;
        }
    }

    /**
     * @param device a device
     * @return "cpu" or "cuda:N"
     */
    public static String name(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
    }
}
