/**
 * Readers and writers of the checkpoint formats: PyTorch's zip checkpoints through a restricted
 * unpickler, safetensors, memory-mapped tensors. May import the JDK and org.depthfm.base only: no
 * DJL, no ImgLib2.
 */
package org.depthfm.formats;
