package org.depthfm.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * The Stable Diffusion VAE (diffusers {@code AutoencoderKL}, Rombach et al. 2022) as DepthFM uses
 * it: the encoder's posterior mode for images, the decoder for depth latents. Keys
 * {@code encoder}, {@code quant_conv}, {@code post_quant_conv}, {@code decoder}.
 */
public final class AutoencoderKL {
    private final VaeConfig config;
    private final Encoder encoder;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;
    private final Decoder decoder;

    /**
     * @param p the root of the VAE's key tree
     * @param config the configuration from {@code config.json}
     */
    public AutoencoderKL(ParamTree p, VaeConfig config) {
        this.config = config;
        int lc = config.latentChannels();
        encoder = new Encoder(p.sub("encoder"), config);
        quantConv = config.useQuantConv() ? Conv2d.same(p.sub("quant_conv"), 2L * lc, 2L * lc, 1) : null;
        postQuantConv = config.usePostQuantConv() ? Conv2d.same(p.sub("post_quant_conv"), lc, lc, 1) : null;
        decoder = new Decoder(p.sub("decoder"), config);
    }

    /** @return the configuration */
    public VaeConfig config() {
        return config;
    }

    /**
     * @param image (N, 3, H, W) in [-1, 1]
     * @return (N, latent, H/f, W/f) the posterior mode (mean), unscaled
     */
    public NDArray encodeMode(NDArray image) {
        return Scoped.run(() -> {
            NDArray moments = encoder.forward(image);
            if (quantConv != null) {
                moments = quantConv.forward(moments);
            }
            return moments.get(new NDIndex().addAllDim().addSliceDim(0, config.latentChannels())).duplicate();
        });
    }

    /**
     * @param latent (N, latent, h, w), unscaled
     * @return (N, 3, h*f, w*f)
     */
    public NDArray decode(NDArray latent) {
        return Scoped.run(() -> decoder.forward(postQuantConv == null ? latent : postQuantConv.forward(latent)));
    }
}
