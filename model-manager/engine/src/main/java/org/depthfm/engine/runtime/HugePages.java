package org.depthfm.engine.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Turns on libtorch's transparent-huge-page allocation ({@code THP_MEM_ALLOC_ENABLE=1}) for this
 * process before libtorch allocates anything: CPU tensors of 2 MB or more are then 2 MB-aligned
 * and advised as huge pages. Every large activation is a fresh allocation whose pages the kernel
 * must fault in and zero; with 4 kB pages that was about 1.4 million minor faults and 1.8 s of
 * system time per 256x256 prediction here, with huge pages a twelfth of the faults (bench/results).
 *
 * <p>libtorch reads the variable from the C environment once, at its first allocation, so it is
 * set there (Java's own environment is read-only). A value the user set, including 0, is kept.
 * Linux only; where the C library cannot be reached, libtorch keeps its default.
 */
final class HugePages {
    static final String VARIABLE = "THP_MEM_ALLOC_ENABLE";
    private static boolean done;

    /** The C library's {@code setenv}. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private HugePages() {
    }

    /** Sets the variable once, unless the user did; call before libtorch is loaded. */
    static synchronized void enable() {
        if (done) {
            return;
        }
        done = true;
        if (!Platform.isLinux() || System.getenv(VARIABLE) != null) {
            return;
        }
        try {
            Native.load("c", CLibrary.class).setenv(VARIABLE, "1", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no C library reachable through JNA: libtorch keeps 4 kB pages, which only costs speed
        }
    }
}
