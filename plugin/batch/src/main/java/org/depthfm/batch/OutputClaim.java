package org.depthfm.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.depthfm.base.AtomicFile;

/**
 * One run's claim on a file it is about to write: the operating system's lock on a hidden lock
 * file beside it ({@code .<name>.lock}). Runs on one output folder (two batches started by hand,
 * the shards of a job array) claim each file before they work on it, so no file is done twice,
 * and a run that is killed loses its claims with its process: the next run takes them over. The
 * lock file is removed when the claim ends.
 *
 * <p>Why this is safe: a lock file is deleted while it is still locked, so a run that opened it
 * just before and locks it just after holds a lock on a file no longer there; it notices, because
 * the token it writes into its file does not come back when it reads the path, and tries again.
 * Network file systems must support POSIX locks (NFSv4 does).
 */
public final class OutputClaim implements AutoCloseable {
    private static final int ATTEMPTS = 5;
    /**
     * The lock files this process holds. POSIX locks belong to a process, not a channel, and
     * closing any channel of a locked file drops them all: a second claim in this process must be
     * refused before it opens the file, so this set mirrors what the operating system holds for
     * the process (it is the one process-wide fact kept here).
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private final Path lock;
    private final FileChannel channel;
    private final FileLock held;

    private OutputClaim(Path lock, FileChannel channel, FileLock held) {
        this.lock = lock;
        this.channel = channel;
        this.held = held;
    }

    /**
     * @param file the file to claim (it need not exist; its folder is created)
     * @return the lock file that claims it
     */
    public static Path lockFile(Path file) {
        Path abs = file.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * @param file the file to claim
     * @return the claim, or null if another run (or another claim of this process) holds it
     * @throws UncheckedIOException naming the file and the reason if it cannot be made
     */
    public static OutputClaim tryClaim(Path file) {
        Path lock = lockFile(file).normalize();
        if (!HELD.add(lock)) {
            return null;
        }
        boolean claimed = false;
        try {
            Files.createDirectories(lock.getParent());
            for (int i = 0; i < ATTEMPTS; i++) {
                FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock l = null;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    // claimed by this process already
                }
                if (l == null) {
                    ch.close();
                    return null;
                }
                if (owns(ch, lock)) {
                    claimed = true;
                    return new OutputClaim(lock, ch, l);
                }
                l.release();
                ch.close();
            }
            return null;
        } catch (IOException e) {
            // claiming is the first step of writing the file: the user knows the file, not its lock
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFile.reason(e), e);
        } finally {
            if (!claimed) {
                HELD.remove(lock);
            }
        }
    }

    /**
     * Waits for a claim, for files every run updates briefly (the summary).
     *
     * @param file the file to claim
     * @param timeoutMillis how long to wait
     * @return the claim
     * @throws UncheckedIOException if it cannot be made, or another run holds it past the timeout
     */
    public static OutputClaim claim(Path file, long timeoutMillis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            OutputClaim c = tryClaim(file);
            if (c != null) {
                return c;
            }
            if (System.nanoTime() > end) {
                throw new UncheckedIOException(new IOException("another run has held " + file + " for more than "
                        + timeoutMillis / 1000 + " s (lock file " + lockFile(file) + "); if no run is left, delete it"));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while waiting for " + file));
            }
        }
    }

    /** Whether the locked channel is the file the path names now: its fresh token reads back. */
    private static boolean owns(FileChannel ch, Path lock) throws IOException {
        byte[] token = (UUID.randomUUID() + " " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(token), 0);
        ch.force(false);
        try {
            return Arrays.equals(token, Files.readAllBytes(lock));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Ends the claim: the lock file is deleted while still locked, then released. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lock);
        } catch (IOException e) {
            // a lock file that stays is harmless: the next claim locks and reuses it
        }
        try {
            held.release();
            channel.close();
        } catch (IOException e) {
            // closing releases the lock in any case
        } finally {
            HELD.remove(lock);
        }
    }
}
