package org.depthfm.cli;

import org.depthfm.engine.runtime.Devices;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.engine.runtime.Precision;
import org.depthfm.engine.unet.AttentionVariant;
import picocli.CommandLine.Option;

/** The options that choose where and how the model runs, shared by every command that runs it. */
final class EngineMixin {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--precision", defaultValue = "auto", paramLabel = "P",
            description = "auto (fp16 on CUDA, fp32 on CPU), fp32 or fp16 (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--attention", defaultValue = "xformers", paramLabel = "A",
            description = "Attention numerics of the official code: xformers (its GPU set-up) or sdpa"
                    + " (default: ${DEFAULT-VALUE}).")
    String attention;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for libtorch (default: all cores; under spark, spark.task.cpus per task).")
    Integer threads;

    /**
     * @return device, precision and attention
     * @throws IllegalArgumentException for a bad {@code --threads}
     */
    EngineOptions options() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        return new EngineOptions(device, Precision.parse(precision), AttentionVariant.parse(attention));
    }

    /** @return {@code --threads}, or 0 when not given */
    int threads() {
        return threads != null ? threads : 0;
    }

    /**
     * Sets libtorch's thread count, which it reads once when it starts: call before anything
     * loads the engine.
     *
     * @param defaultThreads the threads when {@code --threads} is not given; 0 leaves libtorch's
     *     own default (all cores)
     */
    void useThreads(int defaultThreads) {
        int n = threads != null ? threads : defaultThreads;
        if (n > 0) {
            Devices.useThreads(n);
        }
    }
}
