package org.depthfm.store;

import java.util.concurrent.CancellationException;

/**
 * Observes downloads, imports and checks: one-line messages (what is fetched from where, and how
 * big), byte progress for a progress bar or status bar, and a chance to cancel. Called on the
 * thread doing the work.
 */
public interface ProgressListener {
    /** A listener that observes nothing and never cancels. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * @param line a one-line message for the user
     */
    default void message(String line) {
    }

    /**
     * Called a few times a second while a file is transferred, and once with {@code done} at its end.
     *
     * @param progress how far it has got
     */
    default void progress(Progress progress) {
    }

    /**
     * Polled often while working. Throwing {@link CancellationException} stops the work: a
     * download keeps its partial file (the next download resumes it) and nothing half-done is
     * promoted. Interrupting the working thread has the same effect.
     */
    default void checkCancelled() {
    }
}
