package org.depthfm.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.depthfm.engine.runtime.Devices;
import org.depthfm.store.Bytes;
import org.depthfm.store.ModelManager;
import org.depthfm.store.ModelStatus;
import org.depthfm.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm info}: versions, the device that would be used and why, and the model cache. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints the version, Java, DJL and libtorch versions, the NVIDIA driver, the device that would"
                + " be used (and why), CPU threads, the model cache folder and the models in it.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineMixin engine;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        engine.options();
        out.println("depthfm      " + DepthFmCli.version());
        out.println("java         " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        Engine e = Devices.engine();
        out.println("djl          " + Engine.getDjlVersion());
        out.println("libtorch     " + e.getVersion() + " (" + libtorchSource() + ")");
        int gpus = e.getGpuCount();
        String driver = Devices.nvidiaDriver();
        out.println("nvidia       " + (driver == null ? "no NVIDIA driver loaded" : "driver " + driver));
        // the device line below gives the reason the fallback notice would repeat
        Device d = Devices.resolve(engine.device, line -> { });
        out.println("device       " + Devices.name(d) + " (--device " + engine.device + "; " + Devices.whyNoGpu(gpus) + ")");
        out.println("threads      " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " intra-op of "
                + Runtime.getRuntime().availableProcessors() + " cores");
        ModelManager models = store.manager();
        StoreSettings s = models.settings();
        out.println("model cache  " + s.cacheRoot() + s.mirror().map(m -> " (mirror " + m + ")").orElse("")
                + (s.offline() ? " (offline)" : ""));
        for (ModelStatus m : models.list()) {
            out.printf(Locale.ROOT, "  %-12s %-10s %10s  %s%n", m.id(), m.state().name().toLowerCase(Locale.ROOT),
                    Bytes.format(m.bytesOnDisk()), m.dir());
        }
        return 0;
    }

    private static String libtorchSource() {
        String override = System.getenv("PYTORCH_LIBRARY_PATH");
        if (override != null) {
            return "from PYTORCH_LIBRARY_PATH=" + override;
        }
        return ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
    }
}
