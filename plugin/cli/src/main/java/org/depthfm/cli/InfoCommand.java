package org.depthfm.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.depthfm.engine.runtime.Devices;
import org.depthfm.store.Bytes;
import org.depthfm.store.LibtorchInstall;
import org.depthfm.store.LibtorchRequest;
import org.depthfm.store.LibtorchStore;
import org.depthfm.store.ModelManager;
import org.depthfm.store.ModelStatus;
import org.depthfm.store.NativeRuntime;
import org.depthfm.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm info}: versions, the device that would be used and why, and the model cache. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints the version, Java, DJL and libtorch versions, which libtorch build is used and where it"
                + " comes from, the NVIDIA driver, the device that would be used (and why), CPU threads, the model cache"
                + " folder and the models in it. Fetches nothing.")
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
        ModelManager models = store.manager();
        out.println("djl          " + Engine.getDjlVersion());
        NativeRuntime runtime = models.runtime().orElseThrow();
        Optional<LibtorchRequest> request = runtime.libtorch();
        Optional<LibtorchInstall> found = request.flatMap(LibtorchStore::find);
        out.println("libtorch     " + libtorch(runtime, request, found, models.libtorch()));
        if (request.isPresent() && found.isEmpty()) {
            out.println("device       not known before libtorch is here (CPU, or CUDA where the build above is one)");
        } else {
            printEngine(out);
        }
        StoreSettings s = models.settings();
        out.println("model cache  " + s.cacheRoot() + s.mirror().map(m -> " (mirror " + m + ")").orElse("")
                + (s.offline() ? " (offline)" : ""));
        for (ModelStatus m : models.list()) {
            out.printf(Locale.ROOT, "  %-12s %-10s %10s  %s%n", m.id(), m.state().name().toLowerCase(Locale.ROOT),
                    Bytes.format(m.bytesOnDisk()), m.dir());
        }
        return 0;
    }

    /** @return which libtorch DJL loads and where it comes from, in words */
    private static String libtorch(NativeRuntime runtime, Optional<LibtorchRequest> request,
            Optional<LibtorchInstall> found, LibtorchStore store) {
        if (request.isEmpty()) {
            return "from " + runtime.elsewhere();
        }
        if (found.isPresent()) {
            LibtorchInstall l = found.get();
            return l.version() + " " + l.flavor() + " (" + l.platform() + ") in " + l.dir() + ", "
                    + l.source().map(src -> src.startsWith("imported") ? src : "fetched by DepthFM from " + src)
                            .orElse("put there by DJL or by hand (not recorded: 'depthfm models verify' records it)");
        }
        LibtorchRequest r = request.get();
        return r.version() + " " + r.flavor() + " (" + r.platform() + "): not here yet; fetched on first use (or by"
                + " 'depthfm models download') from " + store.releases(r) + " into " + r.cacheDir()
                + (r.flavor().startsWith("cu") ? " (the newest CUDA build DJL publishes up to " + r.flavor() + ")" : "");
    }

    /** Loads the engine and prints what it says about itself and the device. */
    private void printEngine(PrintWriter out) {
        Engine e;
        try {
            e = Devices.engine();
        } catch (RuntimeException x) {
            out.println("device       unknown: libtorch did not start (" + Errors.oneLine(x) + ")");
            return;
        }
        out.println("loaded       libtorch " + e.getVersion() + " from " + ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
        int gpus = e.getGpuCount();
        String driver = Devices.nvidiaDriver();
        out.println("nvidia       " + (driver == null ? "no NVIDIA driver loaded" : "driver " + driver));
        // the device line gives the reason that the fallback notice would repeat
        Device d = Devices.resolve(engine.device, line -> { });
        out.println("device       " + Devices.name(d) + " (--device " + engine.device + "; " + Devices.whyNoGpu(gpus) + ")");
        out.println("threads      " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " intra-op of "
                + Runtime.getRuntime().availableProcessors() + " cores");
    }
}
