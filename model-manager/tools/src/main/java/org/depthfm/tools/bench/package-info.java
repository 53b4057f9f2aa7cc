/** Benchmark support: random-weight models of the real size, written in the real file layouts. */
package org.depthfm.tools.bench;
