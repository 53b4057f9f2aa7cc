/**
 * Random models with the official checkpoints' key tree and shapes (any configuration, full size
 * included), written in the official formats, for tests and benchmarks. Used by the command line,
 * not shipped in the Fiji zip. May import the engine, formats, store and base.
 */
package org.depthfm.tools.generate;
