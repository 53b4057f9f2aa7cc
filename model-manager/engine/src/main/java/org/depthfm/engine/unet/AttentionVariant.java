package org.depthfm.engine.unet;

import java.util.Locale;

/**
 * The two attention numerics of the official code ({@code depthfm/unet/attention.py} picks one
 * when the model is built).
 */
public enum AttentionVariant {
    /**
     * {@code MemoryEfficientCrossAttention}, used when xformers is installed (the official CUDA
     * set-up): {@code softmax(q k^T / sqrt(d_head)) v} everywhere.
     */
    XFORMERS,
    /**
     * {@code CrossAttention} with {@code rescale_attention}, used when xformers is missing:
     * self-attention scaled by {@code sqrt(ln(n) / ln(4n) / d_head)} with n query tokens,
     * cross-attention by {@code 1/sqrt(d_head)}.
     */
    SDPA;

    /**
     * @param name "xformers" or "sdpa" (any case)
     * @return the variant
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AttentionVariant parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown attention variant '" + name + "': use xformers or sdpa", e);
        }
    }

    /** @return the lower-case name used in options and fixtures */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
