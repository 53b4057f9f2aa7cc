package org.depthfm.fiji;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * The message for a libtorch that DJL cannot find or start. The Fiji zip carries DJL's Java jars
 * only; DJL fetches the native library (hundreds of MB, CPU or CUDA build) into {@code ~/.djl.ai}
 * on first use, which fails offline or behind a proxy that Java does not know of.
 */
final class Libtorch {
    private Libtorch() {
    }

    /**
     * @param failure what DJL threw
     * @return what is missing and every way to provide it, in one line
     */
    static String missing(Throwable failure) {
        String version = version();
        return "libtorch " + version + " (PyTorch's native library) is missing and could not be fetched ("
                + cause(failure) + "): connect to the internet once (behind a proxy: Edit > Options > Proxy"
                + " Settings), or put pytorch-native-cpu-" + version + "-" + classifier() + ".jar (Maven Central, group ai.djl.pytorch)"
                + " into Fiji.app/jars, or copy ~/.djl.ai from a machine where DepthFM ran, or set"
                + " PYTORCH_LIBRARY_PATH to a libtorch " + version + " lib folder (with PYTORCH_VERSION=" + version
                + " and PYTORCH_FLAVOR=cpu or cu128); then restart Fiji";
    }

    /** @return the libtorch version of the DJL jars, read from their pytorch.properties */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Libtorch.class.getClassLoader().getResourceAsStream("jnilib/pytorch.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable jar: the message names no version number then
        }
        String jni = p.getProperty("jni_version", "");
        return jni.contains("-") ? jni.substring(0, jni.indexOf('-')) : "2.x";
    }

    /** @return DJL's name of this platform, as in the native jars' classifiers */
    static String classifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("mac") ? "osx" : os.startsWith("win") ? "win" : "linux";
        return o + "-" + (arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x86_64");
    }

    private static String cause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + ": " + root;
    }
}
