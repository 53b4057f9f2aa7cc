package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void rendersTheBarTheShareAndTheTimeLeft() {
        assertEquals("[=========           ]  45% ETA 0:48  depthfm-v1.ckpt 945 MB / 2.10 GB",
                ConsoleProgress.render(0.45, 48.2, "depthfm-v1.ckpt 945 MB / 2.10 GB"));
        assertEquals("[                    ]   0% ETA --:--  x", ConsoleProgress.render(0, Double.NaN, "x"));
        assertEquals("[====================] 100% ETA 1:01:05  y", ConsoleProgress.render(1.2, 3665, "y"));
    }

    @Test
    void redrawsOneLineAndKeepsMessagesApart() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.message("fetching f");
        p.update(0.5, "f 50 B / 100 B");
        p.message("retrying");
        p.update(Double.NaN, "g 12 B");
        p.update(1, "f 100 B / 100 B");
        String out = bytes.toString(StandardCharsets.UTF_8);
        String half = ConsoleProgress.render(0.5, Double.NaN, "f 50 B / 100 B");
        assertTrue(out.startsWith("fetching f\n\r" + half), out);
        // the message wipes the progress line first, so it never shares a line with it
        assertTrue(out.contains("\r" + " ".repeat(half.length()) + "\rretrying\n"), out);
        // the end of the work is always drawn, with nothing left to wait for
        assertTrue(out.endsWith("\r[====================] 100% ETA 0:00  f 100 B / 100 B"), out);
    }
}
