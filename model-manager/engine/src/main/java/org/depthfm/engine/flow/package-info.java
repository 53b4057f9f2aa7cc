/**
 * DepthFM's flow matching: the model (UNet and VAE from one folder), the one sampler loop (noise
 * augmentation, Euler steps on torchdiffeq's grid, ensembles; guidance as a hook for completion),
 * and the ImgLib2 boundary of the engine (DepthPredictor, CompletionPredictor). May import DJL,
 * ImgLib2, org.depthfm.base, formats, store (the model folder) and the other engine packages; no
 * ImageJ, no front-end.
 */
package org.depthfm.engine.flow;
