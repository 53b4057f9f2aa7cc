/** Fiji commands, the ImageJ macro bridge and the command line. */
package org.depthfm.plugin;
