package org.depthfm.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.depthfm.base.Progress;

/**
 * An exclusive lock on one model's folder, shared by every process that uses the cache (Fiji
 * instances, the CLI, batch jobs): an operating-system file lock on the model's lock file, which
 * the system releases when a process dies, so a stale lock file never blocks anyone. Threads of
 * one JVM contend through the same lock file (Java reports their overlap instead of blocking).
 * The lock file stays empty and is never deleted: a deleted, re-created lock file would let two
 * processes lock two different files.
 */
final class ModelLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ModelLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits for the lock.
     *
     * @param file the lock file (created if missing)
     * @param id the model, for messages
     * @param timeout the longest wait
     * @param listener told once when another process holds the lock; may cancel the wait
     * @return the held lock
     * @throws ModelStoreException if the lock file cannot be opened or the wait times out
     */
    static ModelLock acquire(Path file, String id, Duration timeout, Progress listener) {
        FileChannel channel = open(file);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try {
            while (true) {
                FileLock lock = tryLock(channel, file);
                if (lock != null) {
                    return new ModelLock(channel, lock);
                }
                if (!told) {
                    listener.message("waiting for another DepthFM (Fiji, CLI or batch job) that is changing model "
                            + id + " to finish");
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    throw new ModelStoreException("another DepthFM has been changing model " + id + " for over "
                            + timeout.toMinutes() + " min (lock " + file + "); let it finish or stop it, then try again");
                }
                Cancellation.sleep(Cancellation.POLL, listener);
            }
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileChannel open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ModelStoreException("cannot create the lock file " + file + ": " + e.getMessage()
                    + "; check that the cache folder is writable or choose another (--cache DIR or DEPTHFM_HOME)", e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another thread of this JVM holds it
        } catch (IOException e) {
            throw new ModelStoreException("cannot lock " + file + ": " + e.getMessage() + "; the cache folder's"
                    + " file system may not support locks (choose another with --cache DIR or DEPTHFM_HOME)", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock is released with the channel either way
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }
}
