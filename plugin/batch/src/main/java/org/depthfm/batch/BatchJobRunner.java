package org.depthfm.batch;

import java.io.PrintWriter;

/**
 * Runs a {@link BatchJob} somewhere else than in this process (the depthfm-spark module provides
 * one, found with {@link java.util.ServiceLoader}), so the front-ends, and Fiji with them, need no
 * Spark.
 */
public interface BatchJobRunner {
    /**
     * @param job the job
     * @param out where the job's report goes
     * @return the exit code: 0 when every file is done or skipped, 1 when any failed
     */
    int run(BatchJob job, PrintWriter out);
}
