package org.depthfm.store;

import org.depthfm.base.Progress;

/**
 * Turns a stream of byte counts for one file into throttled {@link Transfer} reports with a
 * smoothed rate, so listeners redraw a few times a second however small the chunks are.
 */
final class RateMeter {
    private static final long REPORT_NANOS = 200_000_000L;
    /** Weight of the newest window in the smoothed rate: reacts within a few seconds, yet steady. */
    private static final double SMOOTHING = 0.3;

    private final String file;
    private final Progress listener;
    private long total;
    private long windowStart;
    private long windowBytes;
    private double rate;

    RateMeter(String file, Progress listener) {
        this.file = file;
        this.listener = listener;
        this.windowStart = System.nanoTime();
        this.total = -1;
    }

    /** Starts a new response: the file's total may now be known, and the bytes may restart from zero. */
    void restart(long bytes, long totalBytes) {
        this.total = totalBytes;
        this.windowBytes = bytes;
        this.windowStart = System.nanoTime();
    }

    /** Reports {@code bytes} present so far if the last report is old enough. */
    void update(long bytes) {
        update(bytes, false);
    }

    /**
     * Reports how far the stream has got if the last report is old enough.
     *
     * @param bytes the position in the file the stream has reached
     * @param skipping whether the stream is still passing over bytes already on disk (a server
     *     that ignores Range re-sends them): said in the report, which would otherwise look stuck
     */
    void update(long bytes, boolean skipping) {
        long now = System.nanoTime();
        long elapsed = now - windowStart;
        if (elapsed < REPORT_NANOS) {
            return;
        }
        double current = Math.max(0, bytes - windowBytes) * 1e9 / elapsed;
        rate = rate == 0 ? current : SMOOTHING * current + (1 - SMOOTHING) * rate;
        windowStart = now;
        windowBytes = bytes;
        Transfer t = new Transfer(file, bytes, total, rate);
        listener.update(t.fraction(), t.line() + (skipping ? "  (passing over what is already here)" : ""));
    }

    /** Reports the end of the file. */
    void finish(long bytes) {
        Transfer done = new Transfer(file, bytes, Math.max(total, bytes), rate);
        report(done);
        listener.message(done.line());
    }

    private void report(Transfer t) {
        listener.update(t.fraction(), t.line());
    }
}
