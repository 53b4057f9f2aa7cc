package org.depthfm.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory as Linux reports it in {@code /proc/self/status}, in bytes. The weights
 * are memory-mapped, so they count as file-backed pages ({@code RssFile}) that the kernel can
 * share and drop; activations and the JVM are anonymous memory ({@code RssAnon}). On other
 * systems every figure is -1.
 *
 * @param rss resident set size now (VmRSS)
 * @param peak the largest resident set size since start or the last {@link #resetPeak()} (VmHWM)
 * @param anonymous resident anonymous memory (RssAnon): native activations, Java heap, JIT
 * @param fileBacked resident file-backed memory (RssFile): mapped weights and libraries
 * @param heapUsed Java heap in use
 * @param heapCommitted Java heap reserved from the system (what of the heap can be resident)
 */
public record ProcessMemory(long rss, long peak, long anonymous, long fileBacked, long heapUsed, long heapCommitted) {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** @return the figures now */
    public static ProcessMemory read() {
        Runtime rt = Runtime.getRuntime();
        long committed = rt.totalMemory();
        long heap = committed - rt.freeMemory();
        String status;
        try {
            status = Files.readString(STATUS, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return new ProcessMemory(-1, -1, -1, -1, heap, committed);
        }
        return new ProcessMemory(field(status, "VmRSS:"), field(status, "VmHWM:"), field(status, "RssAnon:"),
                field(status, "RssFile:"), heap, committed);
    }

    /**
     * Resets the peak (VmHWM) to the current size, so a phase's own peak can be read.
     *
     * @return whether the kernel allowed it
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * @return memory outside the Java heap: resident size minus the committed heap (the heap in
     *     use swings with every collection, the committed heap only when the JVM resizes it)
     */
    public long nativeBytes() {
        return rss < 0 ? -1 : rss - heapCommitted;
    }

    private static long field(String status, String name) {
        int i = status.indexOf(name);
        if (i < 0) {
            return -1;
        }
        String rest = status.substring(i + name.length(), status.indexOf('\n', i)).trim();
        return Long.parseLong(rest.split("\\s+")[0]) * 1024;
    }
}
