package org.depthfm.batch;

import java.io.Serializable;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.pipeline.EstimateOptions;

/**
 * A batch as plain data, for runners that ship it elsewhere (a Spark cluster's executors): every
 * option already parsed and checked by the front-end, so no executor reads one differently.
 *
 * @param input a folder, a glob or a list file, as a path or URI of any Hadoop file system
 * @param output the output folder, or null for the default (beside the batch root)
 * @param recursive also take the images of sub-folders
 * @param summary the summary CSV, or null for the default (in the output folder)
 * @param overwrite redo files whose outputs exist
 * @param retries further attempts at a file after a failed one
 * @param master the cluster's master (Spark: local[N], spark://…, yarn), or null for the runner's default
 * @param estimate the estimate options (each file's seed comes from their seed and its relative path)
 * @param completion how images with known depths beside them are completed
 * @param surfaces the 3D files written beside each depth map
 * @param engine device, precision and attention
 * @param threads libtorch's CPU threads, or 0 for the runner's choice (Spark: the task's CPUs)
 * @param model where the model comes from
 */
public record BatchJob(String input, String output, boolean recursive, String summary, boolean overwrite, int retries,
        String master, EstimateOptions estimate, BatchCompletion completion, SurfaceOutputs surfaces, EngineOptions engine, int threads,
        ModelSource model) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException naming the bad value
     */
    public BatchJob {
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must be 0 or more");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
    }
}
