/**
 * The batch core shared by the command line, Fiji's folder command and Spark: plans (inputs,
 * outputs, shards, summary), per-file seeds, the run over a plan with its summary CSV, and the 3D
 * files written beside each depth map. May import org.depthfm.imagej (and its geometry),
 * org.depthfm.ops, org.depthfm.pipeline, org.depthfm.store and base; no SciJava, no picocli.
 */
package org.depthfm.batch;
