/** The {@code depthfm} command line: picocli commands over the pipeline, the model manager and the ops. */
package org.depthfm.cli;
