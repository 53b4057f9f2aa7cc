package org.depthfm.spark;

import java.io.Serializable;
import org.depthfm.batch.BatchRunner;
import org.depthfm.batch.Summary;

/**
 * What a task sends back to the driver for one file.
 *
 * @param relativePath the file's path relative to the batch root
 * @param status what happened in the last attempt
 * @param attempts how often it was tried
 * @param message the error, or ""
 * @param row its summary CSV row, as {@code depthfm estimate} writes it
 */
record ItemReport(String relativePath, BatchRunner.Status status, int attempts, String message, String row)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @param o the last attempt's outcome
     * @param attempts how often the file was tried
     * @param depth how the summary names its depth output
     * @return the report
     */
    static ItemReport of(BatchRunner.Outcome o, int attempts, String depth) {
        return new ItemReport(o.item().relativePath(), o.status(), attempts, o.message(), Summary.row(o, depth));
    }
}
