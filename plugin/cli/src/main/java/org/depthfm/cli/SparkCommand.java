package org.depthfm.cli;

import java.util.ServiceLoader;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.batch.BatchJob;
import org.depthfm.batch.BatchJobRunner;
import org.depthfm.pipeline.EstimateOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm spark}: a folder batch as an Apache Spark job, locally or on a cluster. */
@Command(name = "spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a batch as an Apache Spark job: on this machine's cores (--master local[N]) or on a"
                        + " cluster through spark-submit. Needs the spark module: the depthfm launcher adds it.",
                "The options, outputs, seeds and summary CSV are those of 'estimate', with inputs and outputs on any"
                        + " file system Hadoop reads (local paths, file:, hdfs:, s3a:, ...). Each file's noise seed comes"
                        + " from --seed and its path relative to the batch root, so results do not depend on the"
                        + " partitioning; 'estimate' with the same --threads gives the same pixels. Images with known"
                        + " depths beside them (<name>.sparse.tif or <name>.points.csv) are completed, as by 'estimate'.",
                "One task per file (stacks stay whole); one model per executor JVM, loaded on first need; libtorch uses"
                        + " --threads, else spark.task.cpus threads per task. Existing outputs are skipped; a failing"
                        + " file is tried again (--retries), then reported in the summary while the job goes on."})
final class SparkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT",
            description = "A folder, a glob (quoted, e.g. 'hdfs:///data/*/*.tif') or a list file (one image a line,"
                    + " relative to the list's folder) of images and stacks.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "The output folder (default: <root>-depth beside the batch root: the folder, the glob's"
                    + " fixed part or the list's folder).")
    String output;

    @Mixin
    BatchMixin batch;

    @Option(names = "--summary", paramLabel = "CSV",
            description = "The summary CSV (default: depthfm-summary.csv in the output folder).")
    String summary;

    @Option(names = "--retries", defaultValue = "1", paramLabel = "N",
            description = "Further attempts at a file after a failed one (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master: local[N], spark://HOST:7077, yarn, k8s://URL (default: spark-submit's,"
                    + " else local[*]).")
    String master;

    @Mixin
    RunMixin run;

    @Override
    public Integer call() {
        // every option parsed and checked here, before Spark starts; executors get the result as data
        EstimateOptions options = batch.estimate.options();
        BatchCompletion completion = batch.estimate.completion();
        BatchJob job = new BatchJob(input, output, batch.recursive, summary, batch.overwrite, retries, master, options,
                completion, batch.surfaces.outputs(options), completion.method().engine(run.engine.options()), run.engine.threads(),
                run.model.source());
        BatchJobRunner runner = ServiceLoader.load(BatchJobRunner.class, SparkCommand.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Spark is not on the class path: run 'depthfm spark' through"
                        + " the depthfm launcher (it adds the spark module), or add the depthfm-spark jar (spark-submit --jars)"));
        return runner.run(job, spec.commandLine().getOut());
    }
}
