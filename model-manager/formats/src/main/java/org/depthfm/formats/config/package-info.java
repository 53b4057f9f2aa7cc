/**
 * The networks' configurations as records read from the checkpoint's hyper-parameters and the
 * VAE's config.json, checked once at load. May import the JDK only.
 */
package org.depthfm.formats.config;
