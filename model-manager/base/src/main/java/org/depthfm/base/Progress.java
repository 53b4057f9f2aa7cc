package org.depthfm.base;

import java.util.concurrent.CancellationException;

/**
 * The one progress-and-cancel interface, from the model store through the engine to every
 * front-end: one-line messages, the share of the work done with what is being done, and a chance
 * to cancel. Called on the thread doing the work. Front-ends implement it once (Fiji's status bar,
 * the console's progress line); the work below them only calls it.
 */
public interface Progress {
    /** Reports nothing and never cancels. */
    Progress NONE = new Progress() {
    };

    /**
     * A message for the user that stays: what is fetched from where, a finished file, a warning.
     *
     * @param line one line, without a line end
     */
    default void message(String line) {
    }

    /**
     * How far the work has got; called a few times a second at most by long transfers, and once per
     * step of a prediction.
     *
     * @param fraction the share done in [0, 1], or NaN where it is unknown (a download of unknown size)
     * @param what what is being done, e.g. "frame 3/20, step 1/2" or "depthfm-v1.ckpt 1.20 GB / 2.10 GB"
     */
    default void update(double fraction, String what) {
    }

    /**
     * Polled between steps and while transferring.
     *
     * @throws CancellationException if the user asked to stop: the work is abandoned, its memory
     *     freed, and nothing half-done is kept (a download keeps its partial file to resume)
     */
    default void checkCancelled() {
    }

    /**
     * The progress of one part of this work: its fractions map onto {@code [from, from + share]} of
     * this one's, its descriptions get {@code prefix} in front; messages and cancellation pass through.
     *
     * @param from where the part starts, in [0, 1]
     * @param share how much of the whole the part is
     * @param prefix put before the part's descriptions, e.g. "frame 2/5, "
     * @return the part's progress
     */
    default Progress part(double from, double share, String prefix) {
        Progress whole = this;
        return new Progress() {
            @Override
            public void message(String line) {
                whole.message(line);
            }

            @Override
            public void update(double fraction, String what) {
                whole.update(Double.isNaN(fraction) ? fraction : from + share * Math.max(0, Math.min(1, fraction)),
                        prefix + what);
            }

            @Override
            public void checkCancelled() {
                whole.checkCancelled();
            }
        };
    }
}
