/**
 * The benchmark: speed (per phase), FLOP throughput and memory peaks of predictions at a chosen
 * size, frames per second over a stack and the time of one depth completion, with the machine
 * described; and the report of {@code bench/gpu.sh}. Used by the command line, not shipped in the
 * Fiji zip. May import the engine, pipeline, ops and base.
 */
package org.depthfm.tools.bench;
