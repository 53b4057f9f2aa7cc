package org.depthfm.spark;

import java.io.Serializable;

/**
 * One input of a Spark batch.
 *
 * @param uri the file, as a URI of its Hadoop file system
 * @param relativePath its path relative to the batch root, '/'-separated: it places the outputs and
 *     seeds the noise, exactly as in {@code depthfm estimate}
 * @param knownDepthsUri the known depths beside it (the file is then completed), or null
 * @param keepExtension whether its outputs keep the extension in their names, because another input
 *     in its folder has the same stem ({@link org.depthfm.batch.BatchPlan#needingExtension})
 */
record SourceFile(String uri, String relativePath, String knownDepthsUri, boolean keepExtension) implements Serializable {
    private static final long serialVersionUID = 1L;
}
