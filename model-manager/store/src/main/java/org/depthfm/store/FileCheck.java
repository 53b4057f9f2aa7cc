package org.depthfm.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.depthfm.base.Progress;

/**
 * Checks one file of a model against what it must be: its size and SHA-256 where known, and the
 * format of its kind. Downloads and imports pass this before they are promoted, {@code verify}
 * runs it on the files in place.
 */
final class FileCheck {
    /** Files larger than this get a "checking" message, since hashing them takes seconds. */
    private static final long ANNOUNCE_BYTES = 100L << 20;
    private static final int BUFFER = 1 << 20;

    /**
     * What a file must be.
     *
     * @param path its path in the model folder
     * @param kind its kind
     * @param size its size, where known
     * @param sha256 its digest, where known
     */
    record Expected(String path, FileKind kind, OptionalLong size, Optional<String> sha256) {
        /** @return the expectations of a registered file, completed by what was recorded of it */
        static Expected of(ModelFile file, Optional<Manifest.Entry> recorded) {
            return new Expected(file.path(), file.kind(),
                    file.size().isPresent() ? file.size() : recorded.map(e -> OptionalLong.of(e.size()))
                            .orElse(OptionalLong.empty()),
                    file.sha256().or(() -> recorded.map(Manifest.Entry::sha256)));
        }

        /** @return the expectations of a file of an unregistered model: what was recorded of it, if anything */
        static Expected unlisted(String path, Optional<Manifest.Entry> recorded) {
            return new Expected(path, FileKind.ofPath(path),
                    recorded.map(e -> OptionalLong.of(e.size())).orElse(OptionalLong.empty()),
                    recorded.map(Manifest.Entry::sha256));
        }
    }

    private FileCheck() {
    }

    /**
     * @param file the file to check
     * @param expected what it must be
     * @param label how to name the file in messages (e.g. with its origin)
     * @param source what to record as its origin
     * @param listener messages and cancel
     * @return the manifest entry for the file
     * @throws ModelStoreException saying what is wrong
     */
    static Manifest.Entry inspect(Path file, Expected expected, String label, String source, Progress listener) {
        long size;
        long modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new ModelStoreException("cannot read " + label + ": " + e.getMessage(), e);
        }
        if (expected.size().isPresent() && size != expected.size().getAsLong()) {
            throw new ModelStoreException(label + " has " + size + " bytes but " + expected.path() + " must have "
                    + expected.size().getAsLong() + "; it is incomplete or another file: fetch it again with"
                    + " 'depthfm models download' or import the right one");
        }
        expected.kind().check(file, label);
        if (size > ANNOUNCE_BYTES) {
            listener.message("checking " + expected.path() + " (" + Bytes.format(size) + ")");
        }
        String sha = sha256(file, label, listener);
        if (expected.sha256().isPresent() && !expected.sha256().get().equals(sha)) {
            throw new ModelStoreException(label + " has SHA-256 " + sha + " but " + expected.path() + " must have "
                    + expected.sha256().get() + "; it is corrupt or another file: fetch it again with"
                    + " 'depthfm models download' or import the right one");
        }
        return new Manifest.Entry(size, sha, modified, source);
    }

    /** @return the file's SHA-256, lower-case hex; reading it polls the listener for a cancel */
    static String sha256(Path file, String label, Progress listener) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (FileChannel in = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            while (in.read(buf) >= 0) {
                Cancellation.check(listener);
                digest.update(buf.flip());
                buf.clear();
            }
        } catch (IOException e) {
            Cancellation.rethrowInterrupt(e);
            throw new ModelStoreException("cannot read " + label + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
