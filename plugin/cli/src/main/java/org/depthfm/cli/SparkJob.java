package org.depthfm.cli;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.pipeline.EstimateOptions;
import picocli.CommandLine;

/**
 * A {@code depthfm spark} job as the driver and every executor see it. It is plain data, so Spark
 * ships it to the executors as it is; they rebuild the estimate, engine and model options from
 * {@code args} with the command line's own parser, so no executor can read an option differently
 * from {@code depthfm estimate}.
 *
 * @param input a folder, a glob or a list file, as a path or URI of any Hadoop file system
 * @param output the output folder, or null for the default (beside the batch root)
 * @param recursive also take the images of sub-folders
 * @param summary the summary CSV, or null for the default (in the output folder)
 * @param overwrite redo files whose outputs exist
 * @param retries further attempts at a file after a failed one
 * @param master the Spark master given with {@code --master}, or null
 * @param args the command line after {@code spark}
 */
public record SparkJob(String input, String output, boolean recursive, String summary, boolean overwrite, int retries,
        String master, List<String> args) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if retries is negative
     */
    public SparkJob {
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must be 0 or more");
        }
        args = List.copyOf(args);
    }

    /** @return the estimate options (each file's seed comes from their seed and its relative path) */
    public EstimateOptions estimateOptions() {
        return command().estimate.options();
    }

    /** @return how images with known depths beside them are completed */
    public BatchCompletion completion() {
        return command().estimate.completion();
    }

    /**
     * @param defaultThreads the libtorch threads when {@code --threads} is not given (a task's CPUs)
     * @return device, precision and attention (float32 for guided completion, as in {@code estimate});
     *     the thread count is applied before the engine loads
     */
    public EngineOptions engineOptions(int defaultThreads) {
        SparkCommand c = command();
        c.run.engine.useThreads(defaultThreads);
        return c.estimate.completion().method().engine(c.run.engine.options());
    }

    /** @return the model folder: {@code --model-dir} as given, else the model from this node's cache (downloaded once) */
    public ModelFolder modelFolder() {
        return command().run.model.resolve();
    }

    private SparkCommand command() {
        // under the top-level command, so inherited options such as --debug parse as on the driver
        List<String> line = new ArrayList<>(List.of("spark"));
        line.addAll(args);
        CommandLine cl = new CommandLine(new DepthFmCli());
        cl.parseArgs(line.toArray(String[]::new));
        return cl.getSubcommands().get("spark").getCommand();
    }
}
