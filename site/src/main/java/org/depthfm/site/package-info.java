/**
 * The documentation site's generator (a build tool, not shipped): Markdown pages, the macro,
 * command-line and error references read from the plugin's code, benchmark charts. May import the
 * front-ends it documents and commonmark.
 */
package org.depthfm.site;
