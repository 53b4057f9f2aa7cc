package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;

/** One layer of a {@code TimestepEmbedSequential}: it may use the time embedding and the cross-attention context. */
interface UNetLayer {
    /**
     * @param h (N, C, H, W) activations
     * @param emb (N, time_embed_dim) the time embedding after its SiLU
     * @param contextCa (N, 77, context_dim) the cross-attention context
     * @return the layer's output
     */
    NDArray forward(NDArray h, NDArray emb, NDArray contextCa);
}
