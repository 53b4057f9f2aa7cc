/**
 * The DepthFM UNet (the official LDM openaimodel), one class per block of the checkpoint's key
 * tree ({@code input_blocks.N.M}, {@code middle_block}, {@code output_blocks.N.M}). May import
 * DJL, org.depthfm.engine.nn and org.depthfm.formats.config.
 */
package org.depthfm.engine.unet;
