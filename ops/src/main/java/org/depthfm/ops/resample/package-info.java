/**
 * Resampling between the input image, the processing resolution the model runs at, and back:
 * {@link org.depthfm.ops.resample.ProcessingSize} (the official target-size rule) and
 * {@link org.depthfm.ops.resample.PilBilinear} (PIL's {@code Image.resize(..., BILINEAR)}).
 */
package org.depthfm.ops.resample;
