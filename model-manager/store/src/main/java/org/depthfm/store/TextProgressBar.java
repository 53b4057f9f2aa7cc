package org.depthfm.store;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress listener for terminals: messages on lines of their own, and one progress line per
 * file redrawn in place with a carriage return, e.g.
 * {@code depthfm-v1.ckpt [=========>          ]  45%  1.20 GB / 2.10 GB  35.1 MB/s  ETA 0:48}.
 * Never cancels; wrap it to add a cancel.
 */
public final class TextProgressBar implements ProgressListener {
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private int drawn;

    /**
     * @param out where to draw, usually {@code System.err} so that standard output stays clean for results
     */
    public TextProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void message(String line) {
        if (drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void progress(Progress progress) {
        String line = render(progress);
        // pad with blanks so that a shorter line fully covers the previous one
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        drawn = line.length();
        if (progress.done()) {
            out.println();
            drawn = 0;
        }
        out.flush();
    }

    /**
     * @param p a progress report
     * @return its progress line, without line ends
     */
    public static String render(Progress p) {
        StringBuilder s = new StringBuilder(p.file()).append(' ');
        p.fraction().ifPresentOrElse(f -> {
            int full = (int) Math.round(f * BAR_WIDTH);
            s.append('[').append("=".repeat(full)).append(full < BAR_WIDTH ? ">" : "")
                    .append(" ".repeat(Math.max(0, BAR_WIDTH - full - 1))).append(']')
                    .append(String.format(Locale.ROOT, " %3d%%  ", (int) Math.floor(f * 100)))
                    .append(Bytes.format(p.bytes())).append(" / ").append(Bytes.format(p.total()));
        }, () -> s.append(Bytes.format(p.bytes())));
        if (p.bytesPerSecond() > 0) {
            s.append("  ").append(Bytes.format((long) p.bytesPerSecond())).append("/s");
        }
        if (!p.done()) {
            p.eta().ifPresent(eta -> s.append("  ETA ").append(clock(eta)));
        }
        return s.toString();
    }

    private static String clock(Duration d) {
        long h = d.toHours();
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, d.toMinutesPart(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
