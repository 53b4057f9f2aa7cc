package org.depthfm.cli;

import java.nio.file.Path;
import org.depthfm.batch.ModelSource;
import org.depthfm.store.ModelFolder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which model to use: shared by every command that loads one. */
final class ModelOptions {
    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "A model folder (a .ckpt and vae/), e.g. a fixture folder; skips the cache.")
    Path modelDir;

    @Option(names = "--model", paramLabel = "ID", description = "A model in the cache (default: depthfm-v1).")
    String model;

    @Mixin
    StoreOptions store;

    /** @return where the model comes from, as plain data */
    ModelSource source() {
        return new ModelSource(modelDir == null ? null : modelDir.toString(), model,
                store.cache == null ? null : store.cache.toString(), store.mirror == null ? null : store.mirror.toString(),
                store.offline);
    }

    /**
     * The model folder to load: {@code --model-dir} as given, else the cached model, downloaded on
     * first use with a progress bar on standard error.
     *
     * @return the folder
     */
    ModelFolder resolve() {
        return source().resolve(new ConsoleProgress(System.err));
    }
}
