package org.depthfm.batch;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.depthfm.base.AtomicFile;

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
            sb.append(row(o, o.item().depth().toString()));
        }
        AtomicFile.writeUnchecked(csv, tmp -> Files.writeString(tmp, sb, StandardCharsets.UTF_8));
    }

    /**
     * @param o one file's outcome
     * @param depth where its depth output is, as the summary names it (a path, or a URI for a
     *     cluster job's remote file system)
     * @return its CSV row, with the line break
     */
    public static String row(BatchRunner.Outcome o, String depth) {
        return String.format(Locale.ROOT, "%s,%s,%.3f,%d,%d,%d,%d,%d,%d,%s,%s%n", quote(o.item().relativePath()),
                o.status().name().toLowerCase(Locale.ROOT), o.seconds(), o.seed(), o.frames(), o.width(), o.height(),
                o.processingWidth(), o.processingHeight(), quote(depth), quote(o.message()));
    }

    /** RFC 4180 quoting when a value holds a comma, a quote or a line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
