/**
 * The benchmark: speed (per phase), FLOP throughput and memory peaks of predictions at a chosen
 * size, with the machine described. Used by the command line, not shipped in the Fiji zip. May
 * import the engine, pipeline and base.
 */
package org.depthfm.tools.bench;
