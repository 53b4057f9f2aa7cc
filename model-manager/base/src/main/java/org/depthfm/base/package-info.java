/**
 * What every room shares and nothing else: atomic file writing (never half-written), the one
 * progress-and-cancel interface ({@link org.depthfm.base.Progress}) and the one source of defaults
 * and limits ({@link org.depthfm.base.Defaults}). Imports the JDK only.
 */
package org.depthfm.base;
