/**
 * The plain ImageJ 1 front-end (no Fiji): PlugIn classes listed in plugins.config that run the
 * same core. May import ImageJ 1 and the core rooms; nothing imports it.
 */
package org.depthfm.ij1;
