package org.depthfm.imagej;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.depthfm.base.AtomicFile;
import org.depthfm.ops.completion.KnownPoints;

/**
 * Known depths as CSV: one point per line, {@code x,y,depth}, with x and y in pixels from the
 * top-left corner (fractional positions fall in the pixel that holds them). Commas, semicolons or
 * tabs separate the fields; blank lines and lines starting with {@code #} are skipped. A first line
 * that is not numbers is a header: its columns named x, y and depth (any case) are read, else the
 * first three. Messages about a point count the points from 1 in file order.
 */
public final class PointsCsv {
    private static final String SEPARATORS = "[,;\t]";

    private PointsCsv() {
    }

    /**
     * @param file the CSV file
     * @param width the image's width
     * @param height the image's height
     * @return the points
     * @throws IllegalArgumentException naming the file and line of a malformed value, a point
     *     outside the image, or a bad depth
     * @throws UncheckedIOException if the file cannot be read
     */
    public static KnownPoints read(Path file, long width, long height) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int[] columns = {0, 1, 2};
        List<double[]> rows = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(SEPARATORS, -1);
            if (first && !isNumber(fields[0])) {
                columns = header(fields, file);
            } else {
                rows.add(row(fields, columns, file, i + 1));
            }
            first = false;
        }
        try {
            return KnownPoints.of(rows.stream().mapToDouble(r -> r[0]).toArray(),
                    rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToDouble(r -> r[2]).toArray(),
                    width, height);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static int[] header(String[] fields, Path file) {
        List<String> names = Arrays.stream(fields).map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
        int[] columns = {names.indexOf("x"), names.indexOf("y"), names.indexOf("depth")};
        if (Arrays.stream(columns).allMatch(c -> c < 0)) {
            return new int[] {0, 1, 2};
        }
        if (Arrays.stream(columns).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException(file + ": the header " + names + " needs columns x, y and depth");
        }
        return columns;
    }

    private static double[] row(String[] fields, int[] columns, Path file, int line) {
        double[] v = new double[3];
        for (int k = 0; k < 3; k++) {
            if (columns[k] >= fields.length) {
                throw new IllegalArgumentException(file + " line " + line + ": expected x, y and depth, found "
                        + fields.length + " field(s)");
            }
            String f = fields[columns[k]].strip();
            if (!isNumber(f)) {
                throw new IllegalArgumentException(file + " line " + line + ": '" + f + "' is not a number");
            }
            v[k] = Double.parseDouble(f);
        }
        return v;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Writes the points with a dense map's values there: {@code x,y,depth,completed,residual,set},
     * complete or not at all.
     *
     * @param file the CSV to write (replaced if it exists)
     * @param given the points the method used (set "given")
     * @param givenResiduals their residuals (completed minus known)
     * @param heldOut the points kept back (set "held-out")
     * @param heldOutResiduals their residuals
     * @throws UncheckedIOException if the file cannot be written; no partial file is left
     */
    public static void writeResiduals(Path file, KnownPoints given, double[] givenResiduals, KnownPoints heldOut,
            double[] heldOutResiduals) {
        AtomicFile.writeUnchecked(file, tmp -> {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write("x,y,depth,completed,residual,set\n");
                rows(out, given, givenResiduals, "given");
                rows(out, heldOut, heldOutResiduals, "held-out");
            }
        });
    }

    private static void rows(BufferedWriter out, KnownPoints points, double[] residuals, String set)
            throws IOException {
        int[] x = points.x();
        int[] y = points.y();
        double[] d = points.depth();
        for (int i = 0; i < d.length; i++) {
            out.write(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s%n", x[i], y[i], d[i], d[i] + residuals[i],
                    residuals[i], set));
        }
    }
}
