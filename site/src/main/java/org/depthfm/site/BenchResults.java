package org.depthfm.site;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The performance page's numbers, read from {@code bench/results/} when the site is built: its
 * Markdown notes are rendered, its CSV tables shown, and its JSON files, where they are reports of
 * {@code depthfm bench --json}, tabulated and plotted (SVG charts written next to the pages).
 * Other JSON is shown as key-value tables. Every file is copied into the site for download.
 */
final class BenchResults {
    /** Where the results are copied, relative to the site root. */
    static final String FILES = "files/bench/results/";

    /**
     * One benchmark run.
     *
     * @param name its label
     * @param report the {@code depthfm bench --json} report
     */
    record Run(String name, JsonObject report) {
    }

    private BenchResults() {
    }

    /**
     * @param dir the results folder (may be missing)
     * @param site the site's output folder
     * @param markdown the Markdown renderer
     * @param ids the page's ids
     * @return the HTML for the performance page
     */
    static String html(Path dir, Path site, Markdown markdown, Set<String> ids) {
        List<Path> files = list(dir);
        if (files.isEmpty()) {
            return "<p class=\"note\">No benchmark results are in <code>bench/results/</code> yet. They appear here, tabulated"
                    + " and plotted, at the next build after they are committed.</p>\n";
        }
        StringBuilder b = new StringBuilder();
        List<Run> runs = new ArrayList<>();
        for (Path f : files) {
            String name = dir.relativize(f).toString().replace('\\', '/');
            copy(f, site.resolve(FILES + name));
            String text = JavaSources.read(f);
            if (name.endsWith(".md")) {
                b.append(markdown.render(text, ids, 1, FILES));
            } else if (name.endsWith(".json")) {
                JsonElement json = JsonParser.parseString(text);
                List<JsonObject> reports = reports(json);
                String stem = name.substring(0, name.length() - ".json".length());
                for (int i = 0; i < reports.size(); i++) {
                    runs.add(new Run(reports.size() == 1 ? stem : stem + " #" + (i + 1), reports.get(i)));
                }
                if (reports.isEmpty()) {
                    b.append("<h3>").append(Html.esc(name)).append("</h3>\n").append(keyValues(json));
                }
            } else if (name.endsWith(".csv")) {
                b.append("<h3>").append(Html.esc(name)).append("</h3>\n").append(csv(text));
            }
        }
        if (!runs.isEmpty()) {
            b.insert(0, runsTable(runs) + charts(runs, site));
        }
        b.append("<p>Raw files: ");
        b.append(String.join(", ", files.stream().map(f -> dir.relativize(f).toString().replace('\\', '/'))
                .map(n -> "<a href=\"" + Html.esc(FILES + n) + "\">" + Html.esc(n) + "</a>").toList()));
        return b.append(".</p>\n").toString();
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bench report, or an array of them; anything else holds none. */
    static List<JsonObject> reports(JsonElement json) {
        List<JsonElement> items = json.isJsonArray() ? json.getAsJsonArray().asList() : List.of(json);
        List<JsonObject> reports = new ArrayList<>();
        for (JsonElement e : items) {
            if (e.isJsonObject() && !Double.isNaN(number(e.getAsJsonObject(), "seconds.prediction.median"))) {
                reports.add(e.getAsJsonObject());
            }
        }
        return reports.size() == items.size() ? reports : List.of();
    }

    /**
     * @param o a JSON object
     * @param path dot-separated member names
     * @return the number there, or NaN
     */
    static double number(JsonObject o, String path) {
        JsonElement e = member(o, path);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
    }

    private static String string(JsonObject o, String path) {
        JsonElement e = member(o, path);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private static JsonElement member(JsonObject o, String path) {
        JsonElement e = o;
        for (String key : path.split("\\.")) {
            if (e == null || !e.isJsonObject()) {
                return null;
            }
            e = e.getAsJsonObject().get(key);
        }
        return e;
    }

    private static String runsTable(List<Run> runs) {
        StringBuilder b = new StringBuilder("<table class=\"bench\">\n<thead><tr><th>Run</th><th>Machine</th><th>Device</th>"
                + "<th>Image</th><th>Steps × members</th><th>Prediction (s)</th><th>Encode (s)</th><th>UNet call (s)</th>"
                + "<th>Decode (s)</th><th>Load (s)</th><th>Peak RSS (MB)</th><th>GFLOP/s</th></tr></thead>\n<tbody>\n");
        for (Run r : runs) {
            JsonObject o = r.report();
            b.append("<tr><td>").append(Html.esc(r.name())).append("</td><td>")
                    .append(Html.esc(string(o, "machine.cpu") + ", " + string(o, "machine.threads"))).append("</td><td>")
                    .append(Html.esc(device(o))).append("</td><td>").append(Html.esc(string(o, "run.size"))).append("</td><td>")
                    .append(Html.esc(string(o, "run.steps") + " × " + string(o, "run.ensemble"))).append("</td>");
            for (String path : List.of("seconds.prediction.median", "seconds.encode.median", "seconds.unet_call.median",
                    "seconds.decode.median", "seconds.load", "memory.peak_rss_mb", "throughput.pipeline_gflops")) {
                double v = number(o, path);
                b.append("<td>").append(Double.isNaN(v) ? "" : SvgBarChart.number(v)).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    /** The report's device if it names one; bench reports of this version ran where {@code --device} said. */
    private static String device(JsonObject o) {
        String d = string(o, "run.device");
        return d.isEmpty() ? string(o, "device") : d;
    }

    private static String charts(List<Run> runs, Path site) {
        List<SvgBarChart.Bar> total = new ArrayList<>();
        List<SvgBarChart.Bar> phases = new ArrayList<>();
        List<SvgBarChart.Bar> memory = new ArrayList<>();
        for (Run r : runs) {
            JsonObject o = r.report();
            total.add(new SvgBarChart.Bar(r.name(), number(o, "seconds.prediction.median"), number(o, "seconds.prediction.min"),
                    number(o, "seconds.prediction.max")));
            for (Map.Entry<String, String> phase : List.of(Map.entry("encode", "encode"), Map.entry("unet_call", "UNet call"),
                    Map.entry("decode", "decode"))) {
                double v = number(o, "seconds." + phase.getKey() + ".median");
                if (!Double.isNaN(v)) {
                    phases.add(new SvgBarChart.Bar(r.name() + " · " + phase.getValue(), v));
                }
            }
            double peak = number(o, "memory.peak_rss_mb");
            if (!Double.isNaN(peak)) {
                memory.add(new SvgBarChart.Bar(r.name(), peak));
            }
        }
        return chart(site, "bench-prediction.svg", "Seconds per prediction (median; whiskers: min to max)", "s", total)
                + chart(site, "bench-phases.svg", "Seconds per phase (median)", "s", phases)
                + chart(site, "bench-memory.svg", "Peak resident memory", "MB", memory);
    }

    private static String chart(Path site, String file, String title, String unit, List<SvgBarChart.Bar> bars) {
        if (bars.isEmpty()) {
            return "";
        }
        Path target = site.resolve("images/bench/" + file);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, SvgBarChart.svg(title, unit, bars));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "<figure><img src=\"images/bench/" + file + "\" alt=\"" + Html.esc(title) + "\"/><figcaption>" + Html.esc(title)
                + "</figcaption></figure>\n";
    }

    /** Any JSON as a table of its leaves, keyed by their dot-separated paths. */
    private static String keyValues(JsonElement json) {
        StringBuilder b = new StringBuilder("<table class=\"kv\">\n<tbody>\n");
        flatten("", json, (k, v) -> b.append("<tr><td>").append(Html.code(k)).append("</td><td>").append(Html.esc(v))
                .append("</td></tr>\n"));
        return b.append("</tbody>\n</table>\n").toString();
    }

    private static void flatten(String prefix, JsonElement e, java.util.function.BiConsumer<String, String> out) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                flatten(prefix.isEmpty() ? m.getKey() : prefix + "." + m.getKey(), m.getValue(), out);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                flatten(prefix + "[" + i + "]", a.get(i), out);
            }
        } else {
            out.accept(prefix.isEmpty() ? "(value)" : prefix, e.isJsonNull() ? "null" : e.getAsString());
        }
    }

    /** A CSV table, the first row its header. */
    private static String csv(String text) {
        List<List<String>> rows = text.lines().filter(l -> !l.isBlank()).map(BenchResults::csvFields).toList();
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<table class=\"bench\">\n<thead><tr>");
        rows.get(0).forEach(h -> b.append("<th>").append(Html.esc(h)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows.subList(1, rows.size())) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(Html.esc(c)).append("</td>"));
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    /** One CSV line's fields (RFC 4180 quoting; no line breaks inside fields). */
    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                f.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(f.toString().strip());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString().strip());
        return fields;
    }
}
