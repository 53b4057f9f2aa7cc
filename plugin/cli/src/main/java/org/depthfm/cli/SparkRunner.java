package org.depthfm.cli;

import java.io.PrintWriter;

/**
 * Runs {@code depthfm spark} jobs. The depthfm-spark module provides it (found with
 * {@link java.util.ServiceLoader}), so this plugin, and Fiji with it, needs no Spark.
 */
public interface SparkRunner {
    /**
     * @param job the job
     * @param out where the job's report goes
     * @return the exit code: 0 when every file is done or skipped, 1 when any failed
     */
    int run(SparkJob job, PrintWriter out);
}
