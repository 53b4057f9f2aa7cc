package org.depthfm.fiji;

import ij.ImagePlus;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.depthfm.base.Progress;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelManager;
import org.depthfm.store.ModelRegistry;
import org.depthfm.store.StoreSettings;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.pipeline.EstimateOptions;
import org.depthfm.pipeline.ModelHolder;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.prefs.PrefService;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * DepthFM in a Fiji session: keeps the loaded model in memory for every command and script (the
 * multi-gigabyte weights load once; a change of model, device or precision reloads them; runs are
 * serialised), and holds the model cache's settings (cache folder, mirror, offline) in Fiji's
 * preferences. Scripts reach it as {@code #@ DepthFmService depthfm}.
 */
@Plugin(type = Service.class)
public final class DepthFmService extends AbstractService implements SciJavaService {
    private static final String CACHE = "cache";
    private static final String MIRROR = "mirror";
    private static final String OFFLINE = "offline";

    @Parameter(required = false)
    private PrefService prefs;

    private final ModelHolder holder = new ModelHolder();

    /** @return the holder of the loaded model */
    public ModelHolder models() {
        return holder;
    }

    /**
     * Estimates depth with the model of {@code modelDir}, loading it if another one (or none) is loaded.
     *
     * @param modelDir the model folder
     * @param engine device, precision and attention
     * @param imp the image (never modified)
     * @param options what to compute
     * @param progress progress and cancellation
     * @return the new images
     */
    public StackEstimator.Result estimate(Path modelDir, EngineOptions engine, ImagePlus imp, EstimateOptions options,
            Progress progress) {
        return holder.with(modelDir, engine, model -> StackEstimator.estimate(model, imp, options, progress));
    }

    /** @return the model cache with the environment's settings, overridden by those set in Fiji */
    public ModelManager modelManager() {
        StoreSettings s = StoreSettings.fromEnvironment();
        String cache = pref(CACHE);
        if (!cache.isBlank()) {
            s = s.withCacheRoot(Paths.get(cache));
        }
        String mirror = pref(MIRROR);
        if (!mirror.isBlank()) {
            s = s.withMirror(URI.create(mirror));
        }
        if (Boolean.parseBoolean(pref(OFFLINE))) {
            s = s.withOffline(true);
        }
        return new ModelManager(s, ModelRegistry.builtin());
    }

    /**
     * Remembers the cache settings in Fiji's preferences (empty values fall back to the environment).
     *
     * @param cache the cache folder, or null
     * @param mirror the mirror URL, or null
     * @param offline never use the network
     */
    public void setStoreSettings(Path cache, String mirror, boolean offline) {
        if (mirror != null && !mirror.isBlank()) {
            URI.create(mirror.trim());
        }
        put(CACHE, cache == null ? "" : cache.toString());
        put(MIRROR, mirror == null ? "" : mirror.trim());
        put(OFFLINE, Boolean.toString(offline));
    }

    private String pref(String key) {
        return prefs == null ? "" : prefs.get(DepthFmService.class, key, "");
    }

    private void put(String key, String value) {
        if (prefs != null) {
            prefs.put(DepthFmService.class, key, value);
        }
    }

    @Override
    public void dispose() {
        holder.unload();
    }
}
