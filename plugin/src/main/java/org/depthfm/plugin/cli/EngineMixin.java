package org.depthfm.plugin.cli;

import org.depthfm.model.runtime.EngineOptions;
import org.depthfm.model.runtime.Precision;
import org.depthfm.model.unet.AttentionVariant;
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

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for libtorch (default: all cores).")
    Integer threads;

    /** @return the engine options; the thread count is applied before the engine loads */
    EngineOptions options() {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return new EngineOptions(device, Precision.parse(precision), AttentionVariant.parse(attention));
    }
}
