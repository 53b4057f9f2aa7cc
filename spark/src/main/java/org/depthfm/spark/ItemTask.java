package org.depthfm.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.batch.BatchPlan;
import org.depthfm.batch.BatchRunner;
import org.depthfm.batch.BatchRunner.Outcome;
import org.depthfm.batch.BatchRunner.Status;
import org.depthfm.batch.BatchJob;
import org.depthfm.batch.SurfaceOutputs;
import org.depthfm.imagej.ImageHeader;
import org.depthfm.pipeline.EstimateOptions;

/**
 * The work of one Spark task: one file, estimated or (with known depths beside it) completed
 * through the command line's own {@link BatchRunner#runOne} (same seed, same outputs, earlier outputs
 * reused only when complete), tried again after a failure and reported
 * with its summary row. A file that fails is an outcome; a model that cannot load fails the task.
 */
final class ItemTask implements Function<SourceFile, ItemReport> {
    private static final long serialVersionUID = 1L;

    private final BatchJob job;
    private final String outputRoot;
    private final Broadcast<SerializableWritable<Configuration>> hadoop;

    /**
     * @param job the job
     * @param outputRoot the output folder, as a URI
     * @param hadoop the driver's Hadoop configuration (with the job's {@code spark.hadoop.*} settings)
     */
    ItemTask(BatchJob job, String outputRoot, Broadcast<SerializableWritable<Configuration>> hadoop) {
        this.job = job;
        this.outputRoot = outputRoot;
        this.hadoop = hadoop;
    }

    @Override
    public ItemReport call(SourceFile file) throws IOException {
        EstimateOptions options = job.estimate();
        BatchCompletion completion = job.completion();
        try (ItemFiles files = ItemFiles.open(file, outputRoot, hadoop.value().value())) {
            int attempts = 1;
            Outcome o = attempt(files, options, completion);
            while (o.status() == Status.FAILED && attempts <= job.retries()) {
                attempts++;
                o = attempt(files, options, completion);
            }
            return ItemReport.of(o, attempts, files.name(o.item().depth()));
        }
    }

    /** The planes of a fetched depth output, 0 when it is missing or damaged. */
    private static long planes(Path depth) {
        try {
            ImageHeader h = Files.exists(depth) ? ImageHeader.read(depth) : null;
            return h == null ? 0 : h.planes();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private Outcome attempt(ItemFiles files, EstimateOptions options, BatchCompletion completion) {
        BatchPlan.Item item = files.item();
        try {
            SurfaceOutputs surfaces = job.surfaces();
            List<Path> outputs = BatchRunner.outputs(item, options);
            // earlier outputs are reused only when complete and fitting the input, as in estimate;
            // checked before the model is asked for, so that a finished job reruns without loading it
            boolean earlier = !job.overwrite() && files.fetchOutputs(outputs);
            if (earlier && surfaces.any()) {
                // the 3D files of an earlier depth map: one per plane it has
                files.fetchOutputs(surfaces.files(item.depth(), planes(item.depth())));
            }
            files.fetch();
            if (earlier && BatchRunner.isDone(item, options, surfaces)) {
                return Outcome.skipped(item, item.seed(options.sampling().seed()));
            }
            DepthFM model = ExecutorModels.get(job, TaskContext.get());
            // the runner says why a file with earlier outputs is redone
            Outcome o = BatchRunner.runOne(item, BatchRunner.Worker.of(model), options, completion, surfaces,
                    job.overwrite(), Progress.NONE);
            if (o.status() == Status.DONE) {
                files.publish(outputs);
                if (surfaces.any()) {
                    files.publish(surfaces.files(item.depth(), o.frames()));
                }
            }
            return o;
        } catch (IOException e) {
            // only the file's own input and outputs throw this; the model's errors fail the task
            return new Outcome(item, Status.FAILED, 0, item.seed(options.sampling().seed()), 0, 0, 0, 0, 0,
                    Objects.toString(e.getMessage(), e.toString()));
        }
    }
}
