package org.depthfm.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.depthfm.pipeline.Progress;

/** A batch progress line with ETA on a terminal, redrawn in place; a few lines a second at most. */
final class ConsoleProgress implements Progress {
    private static final int WIDTH = 20;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int drawn;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(double fraction, String message) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && fraction < 1) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        String eta = fraction > 0.001 ? clock(elapsed * (1 - fraction) / fraction) : "--:--";
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% ETA %s  %s", "=".repeat(full), " ".repeat(WIDTH - full),
                (int) (fraction * 100), eta, message);
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        out.flush();
        drawn = line.length();
    }

    /** Removes the progress line so that a result line can be printed cleanly. */
    synchronized void clear() {
        if (drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.flush();
            drawn = 0;
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
