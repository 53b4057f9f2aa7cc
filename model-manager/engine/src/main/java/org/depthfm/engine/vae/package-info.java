/**
 * The Stable Diffusion VAE (diffusers' AutoencoderKL), one class per block of its key tree
 * ({@code encoder.down_blocks.N}, {@code decoder.up_blocks.N.upsamplers.0}, ...). May import DJL,
 * org.depthfm.engine.nn and org.depthfm.formats.config.
 */
package org.depthfm.engine.vae;
