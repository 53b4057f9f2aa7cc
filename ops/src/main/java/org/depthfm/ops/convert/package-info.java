/**
 * From a Fiji image to the engine's input: the RGB channels, the intensity range and the mapping to
 * [-1, 1] ({@link org.depthfm.ops.convert.ModelInput}, {@link org.depthfm.ops.convert.IntensityRange}).
 */
package org.depthfm.ops.convert;
