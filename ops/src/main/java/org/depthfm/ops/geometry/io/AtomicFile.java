package org.depthfm.ops.geometry.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a part:
 * the content goes to a hidden temporary file in the target's folder (same file system, created
 * with the default permissions), which is flushed to the disk ({@code fsync}) and then renamed
 * over the target with {@link StandardCopyOption#ATOMIC_MOVE} (on POSIX this replaces an existing
 * target). If anything fails the temporary file is deleted and the target left as it was.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Content written to a stream, for example {@code out -> Ply.write(mesh, out, format)}. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream, buffered; the writer need not close it
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param target the file to write or replace
     * @param content what to write
     * @throws IOException if writing, syncing or renaming fails; an
     *         {@link java.nio.file.AtomicMoveNotSupportedException} where the folder's file system
     *         cannot rename atomically
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE); OutputStream out = new BufferedOutputStream(
                            Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
