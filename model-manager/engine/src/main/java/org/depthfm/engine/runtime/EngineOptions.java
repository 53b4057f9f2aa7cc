package org.depthfm.engine.runtime;

import java.io.Serializable;
import org.depthfm.engine.unet.AttentionVariant;

/**
 * Where and how a model runs.
 *
 * @param device auto, cpu, cuda or cuda:N
 * @param precision the arithmetic
 * @param attention the attention numerics (xformers: the official GPU set-up)
 */
public record EngineOptions(String device, Precision precision, AttentionVariant attention) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Automatic device and precision, the official xformers attention. */
    public static final EngineOptions DEFAULT = new EngineOptions("auto", Precision.AUTO, AttentionVariant.XFORMERS);

    /** Reference numerics: CPU, float32, xformers attention. */
    public static final EngineOptions CPU_FP32 = new EngineOptions("cpu", Precision.FP32, AttentionVariant.XFORMERS);

    /** @param attention the attention numerics @return a copy with them */
    public EngineOptions withAttention(AttentionVariant attention) {
        return new EngineOptions(device, precision, attention);
    }
}
