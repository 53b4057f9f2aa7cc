/**
 * {@code depthfm spark}: a batch as an Apache Spark job. The driver ({@link org.depthfm.spark.SparkBatch})
 * plans the files on any Hadoop file system and runs one task per file; each task runs the command
 * line's own {@link org.depthfm.batch.BatchRunner#runOne} with the executor JVM's one model, so
 * outputs, seeds and summary rows are those of {@code depthfm estimate}.
 */
package org.depthfm.spark;
