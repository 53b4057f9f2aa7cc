package org.depthfm.pipeline;

import java.nio.file.Path;
import java.util.function.Function;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;

/**
 * Keeps one loaded model between runs (loading the real one takes seconds and gigabytes), reloads
 * it when the folder, device, precision or attention changes, and serialises its use: one
 * prediction at a time, so concurrent callers never double the activation memory.
 */
public final class ModelHolder implements AutoCloseable {
    private DepthFM model;
    private Path dir;
    private EngineOptions options;

    /**
     * Runs a job with the model of {@code dir}, loading it first if needed.
     *
     * @param <R> the job's result
     * @param dir the model folder
     * @param options device, precision and attention
     * @param job what to do with the model
     * @return the job's result
     */
    public synchronized <R> R with(Path dir, EngineOptions options, Function<DepthFM, R> job) {
        Path key = dir.toAbsolutePath().normalize();
        if (model == null || !key.equals(this.dir) || !options.equals(this.options)) {
            unload();
            model = DepthFM.load(ModelFolder.of(key), options);
            this.dir = key;
            this.options = options;
        }
        return job.apply(model);
    }

    /** @return whether a model is loaded */
    public synchronized boolean isLoaded() {
        return model != null;
    }

    /** @return a description of the loaded model, or null */
    public synchronized String describe() {
        return model == null ? null : dir + " on " + options.device() + " (" + model.dtype() + ", " + options.attention().id() + ")";
    }

    /** Frees the model's memory. */
    public synchronized void unload() {
        if (model != null) {
            model.close();
            model = null;
            dir = null;
            options = null;
        }
    }

    @Override
    public void close() {
        unload();
    }
}
