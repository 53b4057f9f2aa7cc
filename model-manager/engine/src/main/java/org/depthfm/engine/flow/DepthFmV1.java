package org.depthfm.engine.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DepthFM v1's real configuration, the one preset: Stable Diffusion 2.1's UNet with 8 input
 * channels (the {@code ldm_hparams} of {@code depthfm-v1.ckpt}, noising step 400) and the Stable
 * Diffusion VAE of
 * https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5/blob/main/vae/config.json.
 * The real model's own files are always read instead; this describes its shape for the random
 * full-size model and for planning memory before any file exists.
 */
public final class DepthFmV1 {
    /** The checkpoint's {@code noising_step}. */
    public static final int NOISING_STEP = 400;

    private DepthFmV1() {
    }

    /** @return the UNet's {@code ldm_hparams}, a new mutable map */
    public static Map<String, Object> ldmHparams() {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("image_size", 32);
        u.put("in_channels", 8);
        u.put("model_channels", 320);
        u.put("out_channels", 4);
        u.put("num_res_blocks", 2);
        u.put("attention_resolutions", List.of(4, 2, 1));
        u.put("dropout", 0.0);
        u.put("channel_mult", List.of(1, 2, 4, 4));
        u.put("conv_resample", true);
        u.put("dims", 2);
        u.put("use_checkpoint", false);
        u.put("use_fp16", false);
        u.put("num_head_channels", 64);
        u.put("use_spatial_transformer", true);
        u.put("use_linear_in_transformer", true);
        u.put("transformer_depth", 1);
        u.put("context_dim", 1024);
        u.put("legacy", false);
        return u;
    }

    /** @return the VAE's {@code config.json}, a new mutable map */
    public static Map<String, Object> vaeConfig() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("_class_name", "AutoencoderKL");
        v.put("_diffusers_version", "0.6.0");
        v.put("act_fn", "silu");
        v.put("block_out_channels", List.of(128, 256, 512, 512));
        v.put("down_block_types", List.of("DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D",
                "DownEncoderBlock2D"));
        v.put("in_channels", 3);
        v.put("latent_channels", 4);
        v.put("layers_per_block", 2);
        v.put("norm_num_groups", 32);
        v.put("out_channels", 3);
        v.put("sample_size", 512);
        v.put("up_block_types", List.of("UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D",
                "UpDecoderBlock2D"));
        return v;
    }
}
