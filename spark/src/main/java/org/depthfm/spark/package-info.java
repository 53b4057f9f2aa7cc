/**
 * {@code depthfm spark}: a batch as an Apache Spark job. The driver ({@link org.depthfm.spark.SparkBatch})
 * gets the job as plain data ({@link org.depthfm.batch.BatchJob}, parsed and checked by the front-end),
 * plans the files on any Hadoop file system and runs one task per file; each task runs the batch
 * core's own {@link org.depthfm.batch.BatchRunner#runOne} with the executor JVM's one model, so outputs,
 * seeds and summary rows are those of {@code depthfm estimate}. May import Spark, Hadoop and the batch
 * core (org.depthfm.batch and what it depends on); not the command line or Fiji.
 */
package org.depthfm.spark;
