package org.depthfm.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.depthfm.base.Progress;

/**
 * The command line's one progress renderer, for downloads and predictions alike: messages on
 * lines of their own, and one progress line redrawn in place with a carriage return, e.g.
 * {@code [=========           ]  45% ETA 0:48  depthfm-v1.ckpt 945 MB / 2.10 GB  35.0 MB/s}; a few
 * redraws a second at most. The time left is measured from the first report of each piece of
 * work (a new file, a resumed download), which starts wherever its share goes back down.
 */
final class ConsoleProgress implements Progress {
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream out;
    private long lastDraw;
    private int drawn;
    private long startNanos;
    private double startFraction = Double.NaN;
    private double lastFraction = Double.NaN;

    /** @param out where to draw, usually {@code System.err} so that standard output stays clean for results */
    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void message(String line) {
        clear();
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void update(double fraction, String what) {
        long now = System.nanoTime();
        if (Double.isNaN(startFraction) || fraction < lastFraction) {
            startNanos = now;
            startFraction = fraction;
        }
        lastFraction = fraction;
        if (now - lastDraw < REDRAW_NANOS && !(fraction >= 1)) {
            return;
        }
        lastDraw = now;
        String line = Double.isNaN(fraction) ? what : render(fraction, eta(now, fraction), what);
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        out.flush();
        drawn = line.length();
    }

    /**
     * @param fraction the share done, in [0, 1]
     * @param secondsLeft the time left, or NaN where not yet known
     * @param what what is being done
     * @return the progress line
     */
    static String render(double fraction, double secondsLeft, String what) {
        double f = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.round(f * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%% ETA %s  %s", "=".repeat(full), " ".repeat(WIDTH - full),
                (int) Math.floor(f * 100), Double.isNaN(secondsLeft) ? "--:--" : clock(secondsLeft), what);
    }

    private double eta(long now, double fraction) {
        double gained = fraction - startFraction;
        return gained > 0.001 ? (now - startNanos) / 1e9 * (1 - fraction) / gained : Double.NaN;
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
