package org.depthfm.plugin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it is either complete or absent: into a hidden temporary file beside it,
 * then renamed over it (atomically where the file system can). A failed write leaves nothing.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes the content to a path. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param tmp the temporary file to write
         * @throws IOException if writing fails
         */
        void write(Path tmp) throws IOException;
    }

    /**
     * @param target the file to create or replace
     * @param writer writes the content into the temporary file it is given
     * @throws UncheckedIOException naming the target if anything fails
     */
    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // not createTempFile: its owner-only permissions would stick to the result
            tmp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                    + ".part"));
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a hidden .part file left behind does no harm and is named after its target
                }
            }
        }
    }
}
