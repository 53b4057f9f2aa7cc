package org.depthfm.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.depthfm.base.AtomicFile;

/** Channel writing for the checkpoint writers: whole buffers, into atomically promoted files. */
final class FileChannels {
    /** What writes a file's content. */
    interface Body {
        /**
         * @param out the temporary file, open for writing at position 0
         * @throws IOException if writing fails
         */
        void write(FileChannel out) throws IOException;
    }

    private FileChannels() {
    }

    /** Writes a file through a channel, forced to disk before it is renamed into place. */
    static void write(Path target, Body body) {
        try {
            AtomicFile.write(target, tmp -> {
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    body.write(out);
                    out.force(true);
                }
            });
        } catch (IOException e) {
            throw new CheckpointException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes all of a buffer (a channel may write less than asked). */
    static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
