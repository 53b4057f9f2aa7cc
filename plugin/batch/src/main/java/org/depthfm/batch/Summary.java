package org.depthfm.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.depthfm.base.AtomicFile;

/**
 * The batch summary as CSV: one row per file, sorted by file, written whole to a temporary file
 * and renamed. Runs that share a summary (shards of a job array, two runs on one folder, a re-run)
 * merge into it under a claim on it ({@link OutputClaim}): each keeps the rows of the files it did
 * not process, so every row survives whatever the order the runs end in.
 */
public final class Summary {
    /** The CSV's header row. */
    public static final String HEADER = "file,status,seconds,seed,frames,width,height,processing_width,"
            + "processing_height,depth,message";
    /** How long a run waits for another run's update of the summary. */
    static final long WAIT_MILLIS = 60_000;
    private static final String SKIPPED = "skipped";

    private Summary() {
    }

    /**
     * Merges one run's rows into the summary, under a claim on it: a file's row is replaced by
     * this run's, except that a row saying the file was skipped does not replace one that says
     * how it was made; rows of other files stay. A file that is not a summary (another header)
     * is replaced.
     *
     * @param csv the CSV file
     * @param outcomes this run's outcomes so far, one row each
     * @throws UncheckedIOException if it cannot be read or written, naming the file and the reason
     */
    public static void merge(Path csv, List<BatchRunner.Outcome> outcomes) {
        try (OutputClaim claim = OutputClaim.claim(csv, WAIT_MILLIS)) {
            Map<String, String> rows = read(csv);
            for (BatchRunner.Outcome o : outcomes) {
                String row = row(o, o.item().depth().toString());
                String old = rows.get(o.item().relativePath());
                if (o.status() == BatchRunner.Status.SKIPPED && old != null && !status(old).equals(SKIPPED)) {
                    continue;
                }
                rows.put(o.item().relativePath(), row);
            }
            StringBuilder sb = new StringBuilder(HEADER).append('\n');
            rows.values().forEach(sb::append);
            AtomicFile.writeUnchecked(csv, tmp -> Files.writeString(tmp, sb, StandardCharsets.UTF_8));
        }
    }

    /** The rows of an existing summary by file, each with its line break; none if there is none. */
    private static Map<String, String> read(Path csv) {
        Map<String, String> rows = new TreeMap<>();
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the summary " + csv + ": " + AtomicFile.reason(e), e);
        }
        List<String> records = records(text);
        if (records.isEmpty() || !records.get(0).strip().equals(HEADER)) {
            return rows;
        }
        for (String r : records.subList(1, records.size())) {
            if (!r.isBlank()) {
                rows.put(field(r, 0), r);
            }
        }
        return rows;
    }

    /** RFC 4180 records, each with its line break: a quoted field may hold one. */
    static List<String> records(String text) {
        List<String> records = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                records.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            records.add(text.substring(start) + "\n");
        }
        return records;
    }

    /** Field {@code index} of a record, unquoted. */
    static String field(String record, int index) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        int at = 0;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                if (at == index) {
                    return sb.toString();
                }
                at++;
                sb.setLength(0);
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else {
                sb.append(c);
            }
        }
        return at == index ? sb.toString() : "";
    }

    private static String status(String record) {
        return field(record, 1);
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
