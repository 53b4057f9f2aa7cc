/**
 * ImageJ 1 images around the pipeline: frames of stacks and hyperstacks in, depth, uncertainty
 * and completed images out with calibration and LUT; reading sparse depths and point CSVs. May
 * import ImageJ 1, ImgLib2, org.depthfm.pipeline, ops, engine and base; no SciJava, no picocli.
 */
package org.depthfm.imagej;
