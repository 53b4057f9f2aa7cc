package org.depthfm.pipeline;

import java.util.Locale;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.engine.runtime.Precision;

/**
 * How depth completion uses the known points. Every method ends with the same scale-and-shift fit
 * of the prediction to the points, which turns DepthFM's relative depth into depth in the points'
 * unit. Costs are given for one image with S Euler steps and E ensemble members; an estimate (the
 * Estimate Depth command) costs one encoder pass, S x E UNet passes and E decoder passes.
 */
public enum CompletionMethod {
    /** Predict, then fit: the cost of one estimate (the fit is one pass over the pixels). */
    ALIGN,
    /**
     * Steer the flow toward the points while it runs (in the spirit of Marigold-DC): at each Euler
     * step, I gradient steps on the ODE state through the UNet and the decoder. Costs S x E x I
     * UNet and decoder passes, forward and backward (about 3 x I estimates); needs float32.
     */
    GUIDED,
    /**
     * A completion checkpoint that takes the nearest-filled depth and its distance map as extra
     * conditioning (paper appendix): one estimate plus two encoder passes.
     */
    LEARNED;

    /** @return the lower-case name used in options and macros */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name align, guided or learned (any case)
     * @return the method
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CompletionMethod parse(String name) {
        for (CompletionMethod m : values()) {
            if (m.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown completion method '" + name + "': use align, guided or learned");
    }

    /**
     * The engine settings this method runs with: guidance back-propagates through the networks,
     * which DJL can do in float32 only, so the automatic precision (float16 on CUDA) becomes float32.
     *
     * @param asked the settings asked for
     * @return the settings to load the model with
     */
    public EngineOptions engine(EngineOptions asked) {
        return this == GUIDED && asked.precision() == Precision.AUTO
                ? new EngineOptions(asked.device(), Precision.FP32, asked.attention()) : asked;
    }
}
