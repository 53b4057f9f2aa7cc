package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextProgressBarTest {
    @Test
    void rendersBytesRateAndEta() {
        assertEquals("depthfm-v1.ckpt [===========>            ]  45%  945 MB / 2.10 GB  35.0 MB/s  ETA 0:33",
                TextProgressBar.render(new Progress("depthfm-v1.ckpt", 945_000_000L, 2_100_000_000L, 35e6, false)));
        assertEquals("vae/config.json 12.3 kB  1.00 MB/s",
                TextProgressBar.render(new Progress("vae/config.json", 12_345, -1, 1e6, false)));
        assertEquals("x [========================] 100%  2.00 GB / 2.00 GB  1.00 MB/s",
                TextProgressBar.render(new Progress("x", 2_000_000_000L, 2_000_000_000L, 1e6, true)));
    }

    @Test
    void redrawsOneLinePerFileAndKeepsMessagesApart() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextProgressBar bar = new TextProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.message("fetching f");
        bar.progress(new Progress("f", 50, 100, 10, false));
        bar.message("retrying");
        bar.progress(new Progress("f", 100, 100, 10, true));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("fetching f\n\rf [============>"), out);
        assertTrue(out.contains("\r" + " ".repeat(TextProgressBar.render(new Progress("f", 50, 100, 10, false)).length())
                + "\rretrying\n"), out);
        assertTrue(out.endsWith("100%  100 B / 100 B  10 B/s\n"), out);
    }
}
