package org.depthfm.plugin.batch;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.depthfm.model.io.AtomicFile;

/** The batch summary as CSV: one row per file, written whole to a temporary file and renamed. */
public final class Summary {
    /** The CSV's header row. */
    public static final String HEADER = "file,status,seconds,seed,frames,width,height,processing_width,"
            + "processing_height,depth,message";

    private Summary() {
    }

    /**
     * @param csv the CSV file
     * @param outcomes one row each
     * @throws UncheckedIOException if it cannot be written
     */
    public static void write(Path csv, List<BatchRunner.Outcome> outcomes) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (BatchRunner.Outcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.3f,%d,%d,%d,%d,%d,%d,%s,%s%n", quote(o.item().relativePath()),
                    o.status().name().toLowerCase(Locale.ROOT), o.seconds(), o.seed(), o.frames(), o.width(), o.height(),
                    o.processingWidth(), o.processingHeight(), quote(o.item().depth().toString()), quote(o.message())));
        }
        AtomicFile.writeUnchecked(csv, tmp -> Files.writeString(tmp, sb, StandardCharsets.UTF_8));
    }

    /** RFC 4180 quoting when a value holds a comma, a quote or a line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
