package org.depthfm.store;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.depthfm.base.Progress;

/** The two ways to cancel store work, checked in one place: the thread's interrupt flag and the listener. */
final class Cancellation {
    /** How often blocking waits wake up to look for a cancel: short enough to feel immediate. */
    static final Duration POLL = Duration.ofMillis(100);

    private Cancellation() {
    }

    /**
     * @param listener the listener that may cancel
     * @throws CancellationException if the thread was interrupted or the listener cancels
     */
    static void check(Progress listener) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("interrupted");
        }
        listener.checkCancelled();
    }

    /**
     * For code that caught {@link InterruptedException}: restores the flag (callers up the stack
     * must still see it) and returns the exception to throw.
     */
    static CancellationException interrupted() {
        Thread.currentThread().interrupt();
        return new CancellationException("interrupted");
    }

    /**
     * File channels are interruptible: an interrupt during a read or write closes the channel
     * with {@link ClosedByInterruptException}. That is a cancel, not a disk failure.
     *
     * @param e an I/O failure
     * @throws CancellationException if it was an interrupt
     */
    static void rethrowInterrupt(IOException e) {
        if (e instanceof ClosedByInterruptException) {
            throw interrupted();
        }
    }

    /** Sleeps, waking every {@link #POLL} to check for a cancel. */
    static void sleep(Duration duration, Progress listener) {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            check(listener);
            try {
                Thread.sleep(Math.max(1, Math.min(left, POLL.toNanos()) / 1_000_000));
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }
        check(listener);
    }
}
