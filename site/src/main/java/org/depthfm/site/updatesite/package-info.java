/**
 * The Fiji update site's generator (db.xml.gz and checksummed files from the Fiji zip). A build
 * tool; imports the JDK only.
 */
package org.depthfm.site.updatesite;
