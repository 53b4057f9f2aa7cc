package org.depthfm.store;

import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libtorch build the engine's DJL would load from its cache on this machine, as the engine
 * works it out (see {@link NativeRuntime}): what {@link LibtorchStore} fetches, finds or imports.
 * DJL keeps each build in {@code CACHE/VERSION-FLAVOR-PLATFORM}, e.g.
 * {@code ~/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64}.
 *
 * @param version the libtorch version as DJL names its folders, e.g. {@code 2.7.1}
 * @param djlVersion DJL's version, which names its JNI library ({@code 0.36.0-libdjl_torch.so})
 * @param flavor the flavor DJL asks for: {@code cpu}, or {@code cuNNN} after the CUDA runtime it
 *     finds (e.g. {@code cu128}), possibly with {@code -precxx11}; DJL takes the newest CUDA build
 *     it publishes that is not newer than that
 * @param flavorOverride whether the flavor was set by hand ({@code PYTORCH_FLAVOR}): then only
 *     that exact CUDA build will do
 * @param platform DJL's platform name, e.g. {@code linux-x86_64}
 * @param cacheDir DJL's libtorch cache folder, e.g. {@code ~/.djl.ai/pytorch}
 * @param jniBundled whether DJL's jars carry its JNI library for a flavor (else it is fetched too)
 * @param djlOffline DJL's own offline mode is on ({@code -Dai.djl.offline=true}, {@code DJL_OFFLINE}):
 *     then nothing is fetched for DJL either
 */
public record LibtorchRequest(String version, String djlVersion, String flavor, boolean flavorOverride,
        String platform, Path cacheDir, Predicate<String> jniBundled, boolean djlOffline) {
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+(-[a-z]+)?)(-SNAPSHOT)?(-\\d+)?");

    /** Checks the version and makes the cache folder absolute. */
    public LibtorchRequest {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("unexpected libtorch version '" + version + "'");
        }
        cacheDir = cacheDir.toAbsolutePath().normalize();
    }

    /** @return the version in DJL's download addresses ({@code 2.7.1} of {@code 2.7.1-20250812}) */
    public String releaseVersion() {
        Matcher m = VERSION.matcher(version);
        return m.matches() ? m.group(1) : version;
    }

    /**
     * @param buildFlavor a flavor
     * @return the folder where DJL looks for that build
     */
    public Path folder(String buildFlavor) {
        return cacheDir.resolve(version + "-" + buildFlavor + "-" + platform);
    }

    /** @return the file DJL looks for in a build's folder, {@code libtorch.so} (or .dylib, .dll) */
    public static String library() {
        return System.mapLibraryName("torch");
    }

    /** @return DJL's JNI library's file name in a build's folder, {@code 0.36.0-libdjl_torch.so} */
    public String jniFile() {
        return djlVersion + "-" + System.mapLibraryName("djl_torch");
    }

    /** @return where DJL keeps the list of the builds it publishes for this version ({@code 2.7.1.txt}) */
    public Path indexFile() {
        return cacheDir.resolve(version + ".txt");
    }
}
