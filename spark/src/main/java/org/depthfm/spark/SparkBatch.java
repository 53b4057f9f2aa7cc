package org.depthfm.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.depthfm.batch.BatchRunner.Status;
import org.depthfm.batch.Summary;
import org.depthfm.batch.BatchJob;
import org.depthfm.batch.BatchJobRunner;

/**
 * The driver of {@code depthfm spark}: plans the batch, runs one task per file (so the scheduler
 * balances files of any size, and a stack stays whole in its task), then writes the summary CSV
 * and prints the failures and the throughput.
 */
public final class SparkBatch implements BatchJobRunner {
    @Override
    public int run(BatchJob job, PrintWriter out) {
        SparkConf conf = new SparkConf().setAppName("depthfm").setIfMissing("spark.master", "local[*]");
        if (job.master() != null) {
            conf.setMaster(job.master());
        }
        if (conf.get("spark.master").startsWith("local")) {
            // someone is watching this console; a cluster driver's log has the web UI instead
            conf.setIfMissing("spark.ui.showConsoleProgress", "true");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Configuration hadoop = sc.hadoopConfiguration();
            JobPlan plan = JobPlan.of(job, hadoop);
            long t0 = System.nanoTime();
            List<ItemReport> reports = collect(sc.parallelize(plan.files(), plan.files().size())
                    .map(new ItemTask(job, plan.outputRoot().toUri().toString(),
                            sc.broadcast(new SerializableWritable<>(hadoop)))));
            double seconds = (System.nanoTime() - t0) / 1e9;
            StringBuilder csv = new StringBuilder(Summary.HEADER).append('\n');
            reports.forEach(r -> csv.append(r.row()));
            HadoopFiles.writeText(plan.summary(), csv.toString(), hadoop);
            return report(reports, seconds, sc.master() + ", spark.task.cpus=" + conf.get("spark.task.cpus", "1"), plan,
                    out);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Spark throws its checked SparkException undeclared: a failed task becomes one line naming its cause. */
    private static List<ItemReport> collect(JavaRDD<ItemReport> tasks) {
        try {
            return tasks.collect();
        } catch (Exception e) {
            if (e instanceof SparkException) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                // a local job carries the task's own exception; a cluster's names it in its first line
                String message = cause != e ? String.valueOf(cause.getMessage())
                        : e.getMessage().lines().findFirst().orElse("");
                throw new IllegalStateException("the Spark job stopped: " + message, e);
            }
            throw e;
        }
    }

    private static int report(List<ItemReport> reports, double seconds, String where, JobPlan plan, PrintWriter out) {
        long done = reports.stream().filter(r -> r.status() == Status.DONE).count();
        long skipped = reports.stream().filter(r -> r.status() == Status.SKIPPED).count();
        long failed = reports.stream().filter(r -> r.status() == Status.FAILED).count();
        for (ItemReport r : reports) {
            if (r.status() == Status.FAILED) {
                out.printf(Locale.ROOT, "failed  %s: %s (%d attempt%s)%n", r.relativePath(), r.message(), r.attempts(),
                        r.attempts() == 1 ? "" : "s");
            } else if (r.status() == Status.DONE && !r.message().isEmpty()) {
                // a file whose earlier outputs were damaged: why it was done again
                out.printf(Locale.ROOT, "done    %s (%s)%n", r.relativePath(), r.message());
            }
        }
        out.printf(Locale.ROOT, "%d done, %d skipped, %d failed in %.1f s (%.1f images/min; %s); summary: %s%n", done,
                skipped, failed, seconds, done * 60 / seconds, where, plan.summary());
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
