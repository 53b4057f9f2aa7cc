package org.depthfm.batch;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import org.depthfm.base.Progress;
import org.depthfm.store.ModelFolder;
import org.depthfm.store.ModelManager;
import org.depthfm.store.ModelRegistry;
import org.depthfm.store.StoreSettings;

/**
 * Where a model comes from, as plain data that can travel to a cluster's executors: a model folder
 * as given, or a model of the cache (with the cache's settings over the environment's).
 *
 * @param modelDir a model folder (a .ckpt and vae/), or null to use the cache
 * @param modelId a model of the registry, or null for the default
 * @param cache the cache folder, or null for the environment's
 * @param mirror a mirror's base URL, or null for the environment's
 * @param offline never use the network
 */
public record ModelSource(String modelDir, String modelId, String cache, String mirror, boolean offline)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if both a folder and a model id are given
     */
    public ModelSource {
        if (modelDir != null && modelId != null) {
            throw new IllegalArgumentException("give either --model-dir or --model, not both");
        }
    }

    /** @return the model cache with these settings over the environment's */
    public ModelManager manager() {
        StoreSettings s = StoreSettings.fromEnvironment();
        if (cache != null) {
            s = s.withCacheRoot(Path.of(cache));
        }
        if (mirror != null) {
            s = s.withMirror(URI.create(mirror));
        }
        if (offline) {
            s = s.withOffline(true);
        }
        return new ModelManager(s, ModelRegistry.builtin());
    }

    /**
     * @param progress the download's progress, on first use
     * @return the folder as given, else the cached model (downloaded on first use); either way
     *     with the libtorch the engine loads fetched on first use, with this progress and these settings
     */
    public ModelFolder resolve(Progress progress) {
        if (modelDir == null) {
            return manager().ensure(modelId, progress);
        }
        ModelFolder folder = ModelFolder.of(Path.of(modelDir));
        manager().ensureLibtorch(progress);
        return folder;
    }
}
