package org.depthfm.base;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Files that appear complete or not at all: written under a hidden temporary name in the target's
 * own folder (same file system), then renamed into place, atomically where the file system can.
 * A crash, a full disk or a concurrent reader never sees half a file; a failed write leaves
 * nothing behind. Every file DepthFM writes (checkpoints, model cache entries, depth maps,
 * tables) goes through here.
 */
public final class AtomicFile {
    /** The ending of temporary files. */
    private static final String PART = ".part";

    private AtomicFile() {
    }

    /** Writes the content into the temporary file it is given. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param tmp the temporary file, empty, beside the target
         * @throws IOException if writing fails
         */
        void write(Path tmp) throws IOException;
    }

    /**
     * @param target the file to create or replace
     * @param writer writes the content
     * @throws IOException if anything fails; the target is then untouched
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: its owner-only permissions would stick to the result
        Path tmp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                + PART));
        try {
            writer.write(tmp);
            promote(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The file a temporary file of {@link #write} was to become, so that the ones left by a
     * process killed while writing can be found and removed (by whoever owns the target).
     *
     * @param file any file
     * @return the target it is a temporary file of, or null if it is not one
     */
    public static Path targetOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") || !name.endsWith(PART)) {
            return null;
        }
        String inner = name.substring(1, name.length() - PART.length());
        int dot = inner.lastIndexOf('.');
        if (dot <= 0 || !inner.substring(dot + 1).matches("[0-9a-f]+")) {
            return null;
        }
        return file.resolveSibling(inner.substring(0, dot));
    }

    /**
     * {@link #write(Path, Writer)} for callers that report I/O failures unchecked.
     *
     * @param target the file to create or replace
     * @param writer writes the content
     * @throws UncheckedIOException naming the target if anything fails
     */
    public static void writeUnchecked(Path target, Writer writer) {
        try {
            write(target, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the temporary file's stream, buffered; the content need not close it
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * {@link #write(Path, Writer)} for content written to a stream (3D files, tables); the data is
     * forced to the disk before the rename, so the file is complete even after a power cut.
     *
     * @param target the file to create or replace
     * @param content writes the content
     * @throws IOException if anything fails; the target is then untouched
     */
    public static void writeStream(Path target, Content content) throws IOException {
        write(target, tmp -> {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
        });
    }

    /**
     * The cause of a failed file operation in words, without the path it names (for a write here,
     * that is the temporary file, not the target the user asked for).
     *
     * @param e the failure
     * @return e.g. "permission denied", "no space left on device", "not a directory"
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "a folder on its path does not exist";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is in the way (a file where a folder is needed)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * @param target the file to create or replace
     * @param text its content, UTF-8
     * @throws IOException if it cannot be written
     */
    public static void writeString(Path target, CharSequence text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Moves a finished file into place.
     *
     * @param finished a complete file, on the target's file system
     * @param target where it belongs; an older file there is replaced
     * @throws IOException if it cannot be moved
     */
    public static void promote(Path finished, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
