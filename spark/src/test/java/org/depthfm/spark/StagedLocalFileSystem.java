package org.depthfm.spark;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme, {@code staged:}, so that tests take the path that HDFS or S3
 * files take: input copied in, outputs copied out, each renamed into place.
 */
public class StagedLocalFileSystem extends RawLocalFileSystem {
    /** The scheme. */
    static final String SCHEME = "staged";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return plain(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        return Arrays.stream(super.listStatus(f)).map(StagedLocalFileSystem::plain).toArray(FileStatus[]::new);
    }

    /** The local statuses read their permissions through java.io.File, which takes file: URIs only. */
    private static FileStatus plain(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(), s.getModificationTime(),
                s.getPath());
    }
}
