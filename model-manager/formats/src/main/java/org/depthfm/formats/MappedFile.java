package org.depthfm.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only access to regions of a file by memory mapping, so that multi-gigabyte weight files
 * never pass through the Java heap. A mapping outlives the channel, so the file is closed as
 * soon as the checkpoint has been indexed.
 */
final class MappedFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    MappedFile(Path path) {
        this.path = path;
        if (Files.isDirectory(path)) {
            throw new CheckpointException(path + " is a folder, not a checkpoint file");
        }
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.size = channel.size();
        } catch (IOException e) {
            throw new CheckpointException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** Maps [offset, offset+length) read-only; regions over 2 GB are refused (no tensor is that large). */
    ByteBuffer map(long offset, long length) {
        check(offset, length);
        if (length > Integer.MAX_VALUE) {
            throw new CheckpointException("a single tensor of " + length + " bytes in " + path + " is too large to map");
        }
        try {
            if (length == 0) {
                return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a small region into the heap (headers, directories, pickles). */
    byte[] read(long offset, int length) {
        check(offset, length);
        ByteBuffer buf = ByteBuffer.allocate(length);
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + buf.position());
                if (n < 0) {
                    throw new CheckpointException(path + " ended early; the file is truncated");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return buf.array();
    }

    private void check(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new CheckpointException(path + " is truncated or corrupt: it needs bytes " + offset + ".."
                    + (offset + length) + " but has " + size + "; download it again");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written; a failed close of a read-only channel loses nothing
        }
    }
}
