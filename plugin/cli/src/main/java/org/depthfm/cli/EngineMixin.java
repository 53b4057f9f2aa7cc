package org.depthfm.cli;

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

    /** @return the engine options; {@code --threads}, if given, is applied before the engine loads */
    EngineOptions options() {
        return options(0);
    }

    /**
     * @param defaultThreads the libtorch threads when {@code --threads} is not given; 0 leaves
     *     libtorch's own default (all cores)
     * @return the engine options; the thread count is applied before the engine loads
     */
    EngineOptions options(int defaultThreads) {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        int n = threads != null ? threads : defaultThreads;
        if (n > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return new EngineOptions(device, Precision.parse(precision), AttentionVariant.parse(attention));
    }
}
