/** File writing shared by the checkpoint writers, the model cache and the plugin: atomic, never half-written. */
package org.depthfm.base;
