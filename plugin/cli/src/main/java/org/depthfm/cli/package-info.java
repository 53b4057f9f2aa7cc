/**
 * The {@code depthfm} command line: thin picocli commands over the batch core, the pipeline, the
 * store and the tools; the one console progress renderer. May import picocli and every core room;
 * nothing imports it (Spark finds its runner through a service).
 */
package org.depthfm.cli;
