package org.depthfm.engine.runtime;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The arithmetic the networks run in. Norms and softmax stay in float32 in every mode, as in the
 * official code ({@code GroupNorm32}, autocast).
 */
public enum Precision {
    /** Half precision on CUDA (the official default), float32 on CPU. */
    AUTO,
    /** float32 everywhere: the reference numerics. */
    FP32,
    /** Half precision; CUDA only (libtorch's half convolutions on CPU are hundreds of times slower). */
    FP16;

    /**
     * @param device the device the model runs on
     * @return the compute type
     * @throws IllegalArgumentException for half precision on CPU, with the reason
     */
    public DataType resolve(Device device) {
        boolean gpu = device.isGpu();
        return switch (this) {
            case AUTO -> gpu ? DataType.FLOAT16 : DataType.FLOAT32;
            case FP32 -> DataType.FLOAT32;
            case FP16 -> {
                if (!gpu) {
                    throw new IllegalArgumentException("half precision (fp16) needs a CUDA device: on CPU libtorch's"
                            + " half convolutions are hundreds of times slower; use --precision fp32 or auto");
                }
                yield DataType.FLOAT16;
            }
        };
    }

    /**
     * @param name auto, fp32 or fp16 (any case; float32/float16/half accepted); bf16 is refused
     * @return the precision
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "auto" -> AUTO;
            case "fp32", "float32", "float" -> FP32;
            case "fp16", "float16", "half" -> FP16;
            case "bf16", "bfloat16" -> throw new IllegalArgumentException("bfloat16 is not offered: DJL 0.36 cannot"
                    + " hold bfloat16 tensors (bf16 checkpoints are converted while loading); use fp16 or fp32");
            default -> throw new IllegalArgumentException("unknown precision '" + name + "': use auto, fp32 or fp16");
        };
    }

    /** @return the lower-case name used in options */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
