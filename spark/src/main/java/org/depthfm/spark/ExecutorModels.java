package org.depthfm.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.runtime.Devices;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.depthfm.base.Progress;
import org.depthfm.batch.BatchJob;
import org.depthfm.batch.ModelSource;

/**
 * The models of this executor JVM: each loaded when a task first needs it and kept for every later
 * task, so an executor reads the weights once however many files it gets (a job whose outputs all
 * exist loads none). Tasks running side by side share it: a prediction keeps its activations in
 * its own sub-manager and only reads the weights. Models live as long as the executor.
 */
final class ExecutorModels {
    private static final Map<ModelSource, ModelFolder> FOLDERS = new ConcurrentHashMap<>();
    private static final Map<Key, DepthFM> MODELS = new ConcurrentHashMap<>();

    /** One model per folder and engine set-up: an executor given two GPUs keeps one on each. */
    private record Key(Path dir, EngineOptions options) {
    }

    private ExecutorModels() {
    }

    /**
     * @param job the job
     * @param task the running task: its CPUs are libtorch's threads (unless {@code --threads}), and
     *     the GPU Spark gave it (spark.task.resource.gpu.amount) is its device (unless {@code --device})
     * @return the model, loaded now if this JVM does not hold it yet
     */
    static DepthFM get(BatchJob job, TaskContext task) {
        // libtorch reads its thread count when it starts, with this executor's first task
        Devices.useThreads(job.threads() > 0 ? job.threads() : task.cpus());
        EngineOptions options = onTaskGpu(job.engine(), task);
        // the model manager locks its cache across processes: executors sharing a node download once
        ModelFolder folder = FOLDERS.computeIfAbsent(job.model(), source -> source.resolve(Progress.NONE));
        return MODELS.computeIfAbsent(new Key(folder.dir(), options), key -> DepthFM.load(folder, options));
    }

    private static EngineOptions onTaskGpu(EngineOptions options, TaskContext task) {
        ResourceInformation gpu = task.resourcesJMap().get("gpu");
        if (gpu == null || !options.device().equals("auto")) {
            return options;
        }
        return new EngineOptions("cuda:" + gpu.addresses()[0], options.precision(), options.attention());
    }
}
