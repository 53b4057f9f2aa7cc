package org.depthfm.engine.unet;

import java.util.Arrays;
import java.util.Map;
import org.depthfm.formats.config.ConfigException;
import org.depthfm.formats.config.ConfigMap;

/**
 * The hyper-parameters of the ldm {@code UNetModel} that DepthFM uses, read from the checkpoint's
 * {@code ldm_hparams}. For depthfm-v1 these are Stable Diffusion 2.1's
 * (https://huggingface.co/stabilityai/stable-diffusion-2-1/blob/main/unet/config.json) with 8
 * input channels: model_channels 320, channel_mult [1,2,4,4], num_res_blocks 2,
 * attention_resolutions [4,2,1], num_head_channels 64, linear transformer projections,
 * context_dim 1024.
 *
 * @param inChannels channels of the UNet input (ODE state + image latent: 8 for DepthFM)
 * @param modelChannels base channel count
 * @param outChannels channels of the output velocity
 * @param numResBlocks residual blocks per level
 * @param attentionResolutions down-sampling rates (1, 2, 4, ...) at which attention runs
 * @param channelMult channel multiplier per level
 * @param convResample learned convolutions for up/down-sampling (else nearest / average pool)
 * @param numHeads attention heads, or -1 when {@code numHeadChannels} sets them
 * @param numHeadChannels channels per head, or -1 when {@code numHeads} sets them
 * @param useScaleShiftNorm FiLM-like time conditioning in the ResBlocks
 * @param resblockUpdown ResBlocks (rather than plain layers) for up/down-sampling
 * @param transformerDepth transformer blocks per spatial transformer
 * @param contextDims cross-attention context size for each transformer block
 * @param useLinearInTransformer linear (rather than 1x1 convolution) transformer projections
 * @param disableSelfAttentions per level: attn1 attends to the context instead of itself (null: never)
 * @param numAttentionBlocks per level: how many of the level's blocks carry attention (null: all)
 * @param disableMiddleSelfAttn the middle transformer's attn1 attends to the context
 */
public record UNetConfig(
        int inChannels,
        int modelChannels,
        int outChannels,
        int[] numResBlocks,
        int[] attentionResolutions,
        int[] channelMult,
        boolean convResample,
        int numHeads,
        int numHeadChannels,
        boolean useScaleShiftNorm,
        boolean resblockUpdown,
        int transformerDepth,
        int[] contextDims,
        boolean useLinearInTransformer,
        boolean[] disableSelfAttentions,
        int[] numAttentionBlocks,
        boolean disableMiddleSelfAttn) {

    /** GroupNorm groups in every ResBlock and transformer ({@code normalization(channels)}). */
    public static final int GROUPS = 32;

    /**
     * Reads and checks {@code ldm_hparams}, with the defaults of {@code UNetModel.__init__}.
     *
     * @param hparams the checkpoint's {@code ldm_hparams}, as plain data
     * @param source a name for the checkpoint in error messages
     * @return the configuration
     * @throws ConfigException if a key is missing or an option is one that DepthFM cannot use
     */
    public static UNetConfig read(Map<?, ?> hparams, String source) {
        ConfigMap c = new ConfigMap(hparams, source + " ldm_hparams");
        int[] mult = c.has("channel_mult") ? c.integers("channel_mult") : new int[] {1, 2, 4, 8};
        int[] nrb = c.integers("num_res_blocks");
        if (nrb == null) {
            throw new ConfigException(c.source() + " lacks 'num_res_blocks'");
        }
        if (nrb.length == 1 && mult.length > 1) {
            int n = nrb[0];
            nrb = new int[mult.length];
            Arrays.fill(nrb, n);
        } else if (nrb.length != mult.length) {
            throw new ConfigException(c.source() + ": 'num_res_blocks' needs one value per channel_mult level");
        }
        if (c.integer("dims", 2) != 2) {
            throw new ConfigException(c.source() + ": only 2-D UNets (dims 2) are supported");
        }
        if (!c.flag("use_spatial_transformer", false) || !c.has("context_dim")) {
            throw new ConfigException(c.source() + ": DepthFM needs use_spatial_transformer with a context_dim");
        }
        if (c.has("num_classes")) {
            throw new ConfigException(c.source() + ": class-conditional UNets (num_classes) are not DepthFM models");
        }
        int heads = c.integer("num_heads", -1);
        int headChannels = c.integer("num_head_channels", -1);
        if (heads == -1 && headChannels == -1) {
            throw new ConfigException(c.source() + ": either num_heads or num_head_channels has to be set");
        }
        int[] attn = c.integers("attention_resolutions");
        int[] nab = c.integers("num_attention_blocks");
        boolean[] dsa = c.flags("disable_self_attentions");
        if ((nab != null && nab.length != mult.length) || (dsa != null && dsa.length != mult.length)) {
            throw new ConfigException(c.source() + ": num_attention_blocks and disable_self_attentions need one value"
                    + " per channel_mult level");
        }
        return new UNetConfig(c.integer("in_channels"), c.integer("model_channels"), c.integer("out_channels"), nrb,
                attn == null ? new int[0] : attn, mult, c.flag("conv_resample", true), heads, headChannels,
                c.flag("use_scale_shift_norm", false), c.flag("resblock_updown", false),
                c.integer("transformer_depth", 1), c.integers("context_dim"),
                c.flag("use_linear_in_transformer", false), dsa, nab, c.flag("disable_middle_self_attn", false));
    }

    /** @return the size of the time embedding (4 x model_channels) */
    public int timeEmbedDim() {
        return modelChannels * 4;
    }

    /**
     * @param ds a down-sampling rate
     * @return whether attention runs at it
     */
    public boolean attentionAt(int ds) {
        return Arrays.stream(attentionResolutions).anyMatch(r -> r == ds);
    }

    /**
     * The official head rule: {@code num_head_channels} fixes the head width, otherwise
     * {@code num_heads} fixes the count ({@code legacy} changes nothing for spatial transformers).
     *
     * @param channels channels at the transformer
     * @return {heads, channels per head}
     */
    public int[] heads(int channels) {
        if (numHeadChannels != -1) {
            return new int[] {channels / numHeadChannels, numHeadChannels};
        }
        return new int[] {numHeads, channels / numHeads};
    }

    /** @return the factor by which the UNet down-samples (2^(levels-1)) */
    public int downsampling() {
        return 1 << (channelMult.length - 1);
    }
}
