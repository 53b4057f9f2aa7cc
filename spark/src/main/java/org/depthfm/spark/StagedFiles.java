package org.depthfm.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.depthfm.batch.BatchPlan;

/**
 * One file on a Hadoop file system other than the local one (HDFS, S3, ...): its input (and any
 * outputs of an earlier run, to be checked) is copied into a local staging folder, its outputs are
 * written there and then copied to the output folder, each under a temporary name and renamed;
 * {@link #close()} removes the staging folder.
 */
final class StagedFiles implements ItemFiles {
    private final Path stage;
    private final BatchPlan.Item item;
    private final org.apache.hadoop.fs.Path source;
    private final org.apache.hadoop.fs.Path knownDepths;
    private final org.apache.hadoop.fs.Path outputRoot;
    private final Configuration conf;

    private StagedFiles(Path stage, BatchPlan.Item item, org.apache.hadoop.fs.Path source,
            org.apache.hadoop.fs.Path knownDepths, org.apache.hadoop.fs.Path outputRoot, Configuration conf) {
        this.stage = stage;
        this.item = item;
        this.source = source;
        this.knownDepths = knownDepths;
        this.outputRoot = outputRoot;
        this.conf = conf;
    }

    /**
     * @param file the input
     * @param outputRoot the job's output folder
     * @param conf the Hadoop configuration
     * @return the staged file (nothing copied yet)
     * @throws IOException if the staging folder cannot be made
     */
    static StagedFiles create(SourceFile file, URI outputRoot, Configuration conf) throws IOException {
        Path stage = Files.createTempDirectory("depthfm-");
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(URI.create(file.uri()));
        org.apache.hadoop.fs.Path known = file.knownDepthsUri() == null ? null
                : new org.apache.hadoop.fs.Path(URI.create(file.knownDepthsUri()));
        BatchPlan.Item item = BatchPlan.mirrored(stage.resolve("in").resolve(source.getName()), file.relativePath(),
                stage.resolve("out"), known == null ? null : stage.resolve("in").resolve(known.getName()),
                file.keepExtension());
        return new StagedFiles(stage, item, source, known, new org.apache.hadoop.fs.Path(outputRoot), conf);
    }

    @Override
    public BatchPlan.Item item() {
        return item;
    }

    @Override
    public boolean fetchOutputs(List<Path> outputs) throws IOException {
        FileSystem fs = outputRoot.getFileSystem(conf);
        boolean any = false;
        for (Path o : outputs) {
            if (fs.exists(remote(o))) {
                Files.createDirectories(o.getParent());
                copyToStage(remote(o), o);
                any = true;
            }
        }
        return any;
    }

    @Override
    public void fetch() throws IOException {
        copyToStage(source, item.source());
        if (knownDepths != null) {
            copyToStage(knownDepths, item.knownDepths());
        }
    }

    private void copyToStage(org.apache.hadoop.fs.Path from, Path to) throws IOException {
        // the raw local file system: no .crc checksum file beside the copy
        from.getFileSystem(conf).copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(to.toUri()), true);
    }

    @Override
    public void publish(List<Path> outputs) throws IOException {
        FileSystem fs = outputRoot.getFileSystem(conf);
        for (Path o : outputs) {
            if (Files.exists(o)) {
                HadoopFiles.publish(fs, o, remote(o));
            }
        }
    }

    @Override
    public String name(Path output) {
        return remote(output).toString();
    }

    private org.apache.hadoop.fs.Path remote(Path output) {
        return new org.apache.hadoop.fs.Path(outputRoot, stage.resolve("out").relativize(output).toString());
    }

    @Override
    public void close() {
        // best effort: a leftover lies in the executor's temporary folder, which YARN and Kubernetes
        // remove with the container
        FileUtil.fullyDelete(stage.toFile());
    }
}
