package org.depthfm.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.depthfm.batch.BatchPlan;

/**
 * One file's input and outputs while a task works on it: the local paths that
 * {@link org.depthfm.batch.BatchRunner} reads and writes, and how they reach the job's file
 * system. Local files ({@code file:}) are used in place; any other file system goes through a
 * local staging folder.
 */
interface ItemFiles extends AutoCloseable {
    /**
     * @param file the input
     * @param outputRoot the job's output folder, as a URI
     * @param conf the Hadoop configuration
     * @return the file's files
     * @throws IOException if a staging folder cannot be made
     */
    static ItemFiles open(SourceFile file, String outputRoot, Configuration conf) throws IOException {
        URI source = URI.create(file.uri());
        URI out = URI.create(outputRoot);
        if ("file".equals(source.getScheme()) && "file".equals(out.getScheme())) {
            Path known = file.knownDepthsUri() == null ? null : Path.of(URI.create(file.knownDepthsUri()));
            return new LocalFiles(BatchPlan.mirrored(Path.of(source), file.relativePath(), Path.of(out), known,
                    file.keepExtension()));
        }
        return StagedFiles.create(file, out, conf);
    }

    /** Removes what was staged. */
    @Override
    void close();

    /** @return the file with local paths, as the batch runner takes it */
    BatchPlan.Item item();

    /**
     * Brings the outputs that an earlier run left where the job keeps them to {@link #item()}'s
     * paths, for the batch runner to check that they are complete and fit the input.
     *
     * @param outputs some of {@link #item()}'s outputs
     * @return whether any of them exists
     * @throws IOException if the file system cannot be asked or one cannot be copied
     */
    boolean fetchOutputs(List<Path> outputs) throws IOException;

    /**
     * Brings the input (and its known depths) to {@link #item()}'s paths.
     *
     * @throws IOException if one cannot be copied
     */
    void fetch() throws IOException;

    /**
     * Puts written outputs where the job keeps them, each whole or not at all.
     *
     * @param outputs some of {@link #item()}'s outputs, written
     * @throws IOException if one cannot be copied
     */
    void publish(List<Path> outputs) throws IOException;

    /**
     * @param output one of {@link #item()}'s outputs
     * @return where the job keeps it, as the summary names it
     */
    String name(Path output);

    /** Files already in place: nothing to fetch or publish. */
    record LocalFiles(BatchPlan.Item item) implements ItemFiles {
        @Override
        public boolean fetchOutputs(List<Path> outputs) {
            return outputs.stream().anyMatch(Files::exists);
        }

        @Override
        public void fetch() {
            // the input is read where it is
        }

        @Override
        public void publish(List<Path> outputs) {
            // the batch runner wrote the outputs in place, atomically
        }

        @Override
        public String name(Path output) {
            return output.toString();
        }

        @Override
        public void close() {
            // nothing was staged
        }
    }
}
