package org.depthfm.cli;

import java.net.URI;
import java.nio.file.Path;
import org.depthfm.batch.ModelSource;
import org.depthfm.store.ModelManager;
import picocli.CommandLine.Option;

/** The model cache's settings on the command line, over the environment's. */
final class StoreOptions {
    @Option(names = "--cache", paramLabel = "DIR",
            description = "The model cache (default: $DEPTHFM_HOME/models, else ~/.depthfm/models).")
    Path cache;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "Fetch every model file from URL/<path> instead (default: $DEPTHFM_MIRROR).")
    URI mirror;

    @Option(names = "--offline", description = "Never use the network (default: $DEPTHFM_OFFLINE=1).")
    boolean offline;

    /** @return the model manager with these settings over the environment's */
    ModelManager manager() {
        return new ModelSource(null, null, cache == null ? null : cache.toString(),
                mirror == null ? null : mirror.toString(), offline).manager();
    }
}
