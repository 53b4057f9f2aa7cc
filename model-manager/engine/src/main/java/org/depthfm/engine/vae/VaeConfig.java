package org.depthfm.engine.vae;

import java.util.List;
import java.util.Map;
import org.depthfm.formats.config.ConfigException;
import org.depthfm.formats.config.ConfigMap;

/**
 * The diffusers {@code AutoencoderKL} configuration ({@code vae/config.json}). DepthFM uses the
 * Stable Diffusion VAE (https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5/blob/main/vae/config.json):
 * block_out_channels [128, 256, 512, 512], layers_per_block 2, latent_channels 4, 32 groups.
 *
 * @param inChannels image channels in
 * @param outChannels image channels out
 * @param blockOutChannels channels per level
 * @param layersPerBlock ResNet blocks per encoder level (decoder levels have one more)
 * @param latentChannels latent channels
 * @param normNumGroups GroupNorm groups
 * @param useQuantConv whether {@code quant_conv} exists
 * @param usePostQuantConv whether {@code post_quant_conv} exists
 * @param midBlockAddAttention whether the mid blocks carry attention
 */
public record VaeConfig(int inChannels, int outChannels, int[] blockOutChannels, int layersPerBlock,
        int latentChannels, int normNumGroups, boolean useQuantConv, boolean usePostQuantConv,
        boolean midBlockAddAttention) {

    /** ResNet and attention epsilon in diffusers' VAE blocks. */
    public static final double EPS = 1e-6;

    /**
     * @param json the parsed {@code config.json}
     * @param source a name for it in error messages
     * @return the configuration, with diffusers' defaults for missing keys
     * @throws ConfigException if the VAE is of a kind DepthFM cannot use
     */
    public static VaeConfig read(Map<?, ?> json, String source) {
        ConfigMap c = new ConfigMap(json, source);
        String cls = c.string("_class_name", "AutoencoderKL");
        if (!cls.equals("AutoencoderKL")) {
            throw new ConfigException(source + " describes a " + cls + ", not an AutoencoderKL");
        }
        String act = c.string("act_fn", "silu");
        if (!act.equals("silu") && !act.equals("swish")) {
            throw new ConfigException(source + ": act_fn '" + act + "' is not supported (only silu)");
        }
        int[] blocks = c.has("block_out_channels") ? c.integers("block_out_channels") : new int[] {64};
        checkTypes(c, "down_block_types", "DownEncoderBlock2D", blocks.length);
        checkTypes(c, "up_block_types", "UpDecoderBlock2D", blocks.length);
        return new VaeConfig(c.integer("in_channels", 3), c.integer("out_channels", 3), blocks,
                c.integer("layers_per_block", 1), c.integer("latent_channels", 4), c.integer("norm_num_groups", 32),
                c.flag("use_quant_conv", true), c.flag("use_post_quant_conv", true),
                c.flag("mid_block_add_attention", true));
    }

    private static void checkTypes(ConfigMap c, String key, String expected, int levels) {
        List<String> types = c.strings(key);
        if (types == null) {
            return;
        }
        if (types.size() != levels || types.stream().anyMatch(t -> !t.equals(expected))) {
            throw new ConfigException(c.source() + ": " + key + " must be " + levels + " x " + expected + ", not " + types);
        }
    }

    /** @return the factor by which the encoder down-samples (2^(levels-1)) */
    public int downsampling() {
        return 1 << (blockOutChannels.length - 1);
    }
}
