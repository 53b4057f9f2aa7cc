/**
 * The Fiji front-end: SciJava commands (Plugins > DepthFM), thin over org.depthfm.imagej and
 * org.depthfm.batch, with the model service that keeps one model loaded. May import SciJava,
 * ImageJ 1, and every core room; nothing imports it.
 */
package org.depthfm.fiji;
