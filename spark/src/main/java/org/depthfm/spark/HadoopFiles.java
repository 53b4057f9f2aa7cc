package org.depthfm.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.depthfm.base.AtomicFile;

/**
 * Files written whole or not at all on any Hadoop file system, as {@link AtomicFile} writes local
 * ones: copied under a hidden temporary name beside the target, then renamed over it.
 */
final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * @param fs the target's file system
     * @param local the local file
     * @param target where it goes (replaced if it exists)
     * @throws IOException if it cannot be copied; the temporary copy is removed then
     */
    static void publish(FileSystem fs, java.nio.file.Path local, Path target) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + Long.toHexString(System.nanoTime())
                + ".part");
        try {
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
            if (!fs.rename(tmp, target)) {
                // HDFS renames onto a free name only: an existing target (--overwrite) goes first
                fs.delete(target, false);
                if (!fs.rename(tmp, target)) {
                    throw new IOException("cannot rename " + tmp + " to " + target);
                }
            }
        } catch (IOException e) {
            fs.delete(tmp, false);
            throw e;
        }
    }

    /**
     * @param target a text file on any Hadoop file system
     * @param text its content
     * @param conf the Hadoop configuration
     * @throws IOException if it cannot be written
     */
    static void writeText(Path target, String text, Configuration conf) throws IOException {
        if ("file".equals(target.toUri().getScheme())) {
            AtomicFile.writeString(java.nio.file.Path.of(target.toUri()), text);
            return;
        }
        java.nio.file.Path tmp = Files.createTempFile("depthfm-", ".txt");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            publish(target.getFileSystem(conf), tmp, target);
        } finally {
            Files.delete(tmp);
        }
    }
}
