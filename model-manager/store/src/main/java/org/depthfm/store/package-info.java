/**
 * The model store: the registry of known models, the cache folder, downloads (resume, retries,
 * mirrors, proxies), verification and import. May import the JDK, Gson, org.depthfm.base and
 * org.depthfm.formats (to check a checkpoint); no DJL, no ImgLib2.
 */
package org.depthfm.store;
