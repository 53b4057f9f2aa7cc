package org.depthfm.engine.runtime;

import ai.djl.repository.Version;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.util.Optional;
import org.depthfm.store.LibtorchRequest;
import org.depthfm.store.NativeRuntime;

/**
 * Works out, as DJL 0.36's {@code LibUtils} does, which libtorch build DJL will load on this
 * machine, so that the store fetches that one (see {@link org.depthfm.store.LibtorchStore}) and
 * DJL never downloads on its own. DJL's order: {@code PYTORCH_LIBRARY_PATH}; a libtorch jar on the
 * class path (the {@code pytorch-native-cpu} jar the command line carries); otherwise a build from
 * its cache, whose version comes from DJL's engine jar (or {@code PYTORCH_VERSION}) and whose
 * flavor is {@code PYTORCH_FLAVOR}, else {@code cuNNN} after the CUDA runtime DJL finds with a
 * GPU, else {@code cpu}. Each may be an environment variable or a system property. DJL's offline
 * mode ({@code ai.djl.offline}) keeps the store from fetching it too.
 *
 * <p>Registered as the store's {@link NativeRuntime} service.
 */
public final class DjlLibtorch implements NativeRuntime {
    /** For the service loader. */
    public DjlLibtorch() {
    }

    @Override
    public Optional<LibtorchRequest> libtorch() {
        return request();
    }

    @Override
    public String elsewhere() {
        return Devices.withPluginLoader(() -> {
            String path = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
            if (path != null) {
                return "PYTORCH_LIBRARY_PATH=" + path;
            }
            Platform p = Platform.detectPlatform("pytorch");
            return "the libtorch jar on the class path (pytorch-native-" + p.getFlavor() + " " + p.getVersion() + " for "
                    + p.getClassifier() + "), which DJL unpacks into " + Utils.getEngineCacheDir("pytorch")
                    .resolve(p.getVersion() + "-" + p.getFlavor() + "-" + p.getClassifier());
        });
    }

    /**
     * @return the build DJL would load from its cache, or empty where it loads one from elsewhere
     */
    static Optional<LibtorchRequest> request() {
        return Devices.withPluginLoader(() -> {
            if (Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH") != null) {
                return Optional.empty();
            }
            Platform platform = Platform.detectPlatform("pytorch");
            String version = Utils.getEnvOrSystemProperty("PYTORCH_VERSION");
            if (version != null && !version.isEmpty() && !platform.getVersion().startsWith(version)) {
                platform = Platform.detectPlatform("pytorch", version); // DJL fetches that version then
            } else if (!platform.isPlaceholder()) {
                return Optional.empty(); // a libtorch jar on the class path, which DJL unpacks itself
            }
            String flavor = Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR");
            boolean override = flavor != null && !flavor.isEmpty();
            if (!override) {
                flavor = platform.getFlavor() + (precxx11(platform) ? "-precxx11" : "");
            }
            String classifier = platform.getClassifier();
            String jni = System.mapLibraryName("djl_torch");
            return Optional.of(new LibtorchRequest(platform.getVersion(), platform.getApiVersion(), flavor, override,
                    classifier, Utils.getEngineCacheDir("pytorch"),
                    f -> DjlLibtorch.class.getClassLoader().getResource("jnilib/" + classifier + "/" + f + "/" + jni)
                            != null, Utils.isOfflineMode()));
        });
    }

    /** DJL's rule for Linux builds against the old C++ ABI: asked for, or aarch64 before 2.7.1. */
    private static boolean precxx11(Platform platform) {
        return System.getProperty("os.name").startsWith("Linux")
                && (Boolean.parseBoolean(Utils.getEnvOrSystemProperty("PYTORCH_PRECXX11"))
                        || "aarch64".equals(platform.getOsArch())
                                && new Version(platform.getVersion()).compareTo(new Version("2.7.1")) < 0);
    }
}
