package org.depthfm.tools.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depthfm.engine.runtime.Devices;

/**
 * The machine a benchmark ran on, as benchmark reports must state it.
 *
 * @param cpu the processor's model name ({@code /proc/cpuinfo})
 * @param cores processors available to the JVM
 * @param memoryBytes physical memory ({@code /proc/meminfo} MemTotal), -1 if unknown
 * @param java the Java runtime's version and vendor
 * @param libtorch the libtorch version
 * @param intraOpThreads libtorch's intra-op threads
 * @param interOpThreads libtorch's inter-op threads
 */
public record MachineInfo(String cpu, int cores, long memoryBytes, String java, String libtorch, int intraOpThreads,
        int interOpThreads) {
    /** @return this machine (loads libtorch if needed) */
    public static MachineInfo read() {
        Engine engine = Devices.engine();
        return new MachineInfo(procField("/proc/cpuinfo", "model name", System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(), memTotal(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " ("
                        + System.getProperty("java.vendor") + ")",
                engine.getVersion(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
    }

    private static long memTotal() {
        String kb = procField("/proc/meminfo", "MemTotal", null);
        return kb == null ? -1 : Long.parseLong(kb.split("\\s+")[0]) * 1024;
    }

    private static String procField(String file, String key, String fallback) {
        try {
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: the caller's fallback names what is known
        }
        return fallback;
    }
}
