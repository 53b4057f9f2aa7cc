package org.depthfm.tools.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depthfm.base.AtomicFile;

/**
 * The report of {@code bench/gpu.sh}: reads what the script leaves in its output folder
 * ({@code machine.env}, {@code libtorch.tsv}, {@code steps.tsv} and each step's {@code NAME.out}
 * and {@code NAME.err}) and writes {@code gpu.json} (all of it, each bench report and self-test
 * result parsed) and {@code summary.md} (one table). Loads no libtorch, so it runs where none fits.
 */
public final class GpuReport {
    /** The self-test's last line: {@code 13/13 cases pass at 1e-04 (worst 8.11e-06)}. */
    private static final Pattern SELFTEST = Pattern.compile("(\\d+)/(\\d+) cases pass at (\\S+) \\(worst (\\S+)\\)");
    /** A failing self-test case's line. */
    private static final Pattern FAILED_CASE = Pattern.compile("^FAIL\\s+(\\S+)\\s+worst\\s+(\\S+)");
    /** An {@code info} line: a key, two or more spaces, the value. */
    private static final Pattern INFO_LINE = Pattern.compile("^(\\S[^ ]*(?: [^ ]+)*?)\\s{2,}(.*)$");

    private GpuReport() {
    }

    /**
     * Writes {@code gpu.json} and {@code summary.md} into the script's output folder.
     *
     * @param args the output folder
     * @throws IOException if the folder cannot be read or the files written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GpuReport OUTDIR (the folder bench/gpu.sh wrote)");
        }
        write(Path.of(args[0]));
    }

    /**
     * @param dir the script's output folder
     * @throws IOException if it cannot be read or the files written
     */
    public static void write(Path dir) throws IOException {
        JsonObject report = read(dir);
        AtomicFile.writeString(dir.resolve("gpu.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeSpecialFloatingPointValues().create().toJson(report) + "\n");
        AtomicFile.writeString(dir.resolve("summary.md"), markdown(report));
    }

    /**
     * @param dir the script's output folder
     * @return everything in it as one JSON object
     * @throws IllegalArgumentException if {@code machine.env} or {@code steps.tsv} is missing
     */
    public static JsonObject read(Path dir) {
        JsonObject env = keyValues(lines(dir.resolve("machine.env"), true), '=');
        JsonObject r = new JsonObject();
        r.addProperty("script", "bench/gpu.sh");
        for (String k : new String[] {"mode", "started", "finished", "wall_s", "budget_s", "sizes", "fp16_tolerance"}) {
            move(env, r, k);
        }
        numbers(r, "wall_s", "budget_s", "fp16_tolerance");
        numbers(env, "memory_gb");
        JsonObject libtorch = new JsonObject();
        move(env, libtorch, "libtorch", "used");
        libtorch.add("candidates", table(lines(dir.resolve("libtorch.tsv"), false)));
        r.add("machine", env);
        r.add("libtorch", libtorch);
        JsonArray steps = table(lines(dir.resolve("steps.tsv"), true));
        boolean passed = true;
        for (JsonElement e : steps) {
            JsonObject s = e.getAsJsonObject();
            numbers(s, "exit", "seconds", "limit_s", "gpu_peak_mib", "gpu_before_mib");
            if (s.has("gpu_peak_mib") && s.has("gpu_before_mib")) {
                s.addProperty("gpu_added_mib", s.get("gpu_peak_mib").getAsDouble() - s.get("gpu_before_mib").getAsDouble());
            }
            String status = s.get("status").getAsString();
            passed &= !status.equals("failed") && !status.equals("timeout");
            if (!status.equals("skipped")) {
                s.add("result", result(s.get("name").getAsString(), dir));
            }
        }
        r.add("steps", steps);
        r.addProperty("passed", passed);
        return r;
    }

    /**
     * @param report what {@link #read} returns
     * @return the summary: the machine, the libtorch used, one row per step
     */
    public static String markdown(JsonObject report) {
        JsonObject m = report.getAsJsonObject("machine");
        StringBuilder b = new StringBuilder();
        b.append("# DepthFM GPU check (`bench/gpu.sh").append(str(report, "mode").equals("cpu") ? " --cpu" : "")
                .append("`)\n\n");
        long ran = report.getAsJsonArray("steps").asList().stream()
                .filter(e -> !str(e.getAsJsonObject(), "status").equals("skipped")).count();
        String outcome = !report.get("passed").getAsBoolean() ? "**A step failed or timed out**"
                : ran == 0 ? "**No step ran** (see the notes)" : "Every step that ran passed";
        b.append(String.format(Locale.ROOT, "Run %s to %s (%s s of a %s s budget). %s.%n%n", str(report, "started"),
                str(report, "finished"), str(report, "wall_s"), str(report, "budget_s"), outcome));
        b.append("| machine | |\n|---|---|\n");
        for (String k : new String[] {"host", "cpu", "memory_gb", "gpus", "compute_capability", "driver", "driver_cuda",
                "driver_note", "java", "kit"}) {
            if (m.has(k) && !str(m, k).isEmpty()) {
                b.append("| ").append(k.replace('_', ' ')).append(" | ").append(cell(str(m, k))).append(" |\n");
            }
        }
        JsonObject lt = report.getAsJsonObject("libtorch");
        b.append("\n**libtorch:** ").append(cell(str(lt, "used"))).append("\n\n");
        JsonArray cands = lt.getAsJsonArray("candidates");
        if (!cands.isEmpty()) {
            b.append("| libtorch found | by | version | CUDA | fits | why |\n|---|---|---|---|---|---|\n");
            for (JsonElement e : cands) {
                JsonObject c = e.getAsJsonObject();
                b.append("| `").append(str(c, "dir")).append("` | ").append(cell(str(c, "found_by"))).append(" | ")
                        .append(str(c, "version")).append(" | ").append(str(c, "cuda")).append(" | ")
                        .append(str(c, "verdict")).append(" | ").append(cell(str(c, "reason"))).append(" |\n");
            }
            b.append('\n');
        }
        if (!str(report, "sizes").isEmpty()) {
            b.append("Sizes: ").append(str(report, "sizes")).append(". Float16 self-test tolerance: ")
                    .append(str(report, "fp16_tolerance")).append(" (float32: 1e-4).\n\n");
        }
        b.append("| step | status | seconds | result | GPU peak MiB (added) |\n|---|---|---|---|---|\n");
        for (JsonElement e : report.getAsJsonArray("steps")) {
            JsonObject s = e.getAsJsonObject();
            String gpu = s.has("gpu_peak_mib") ? String.format(Locale.ROOT, "%.0f (%.0f)",
                    s.get("gpu_peak_mib").getAsDouble(), s.get("gpu_added_mib").getAsDouble()) : "";
            b.append("| ").append(str(s, "name")).append(" | ").append(str(s, "status")).append(" | ")
                    .append(str(s, "seconds")).append(" | ").append(cell(figure(s))).append(" | ").append(gpu)
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The one figure that says what a step found. */
    private static String figure(JsonObject s) {
        JsonElement result = s.get("result");
        JsonObject r = result != null && result.isJsonObject() ? result.getAsJsonObject() : new JsonObject();
        if (r.has("cases")) {
            // a failed self-test still says how far off it was
            return String.format(Locale.ROOT, "%s/%s cases pass at %.0e (worst %.2e)", str(r, "passed"),
                    str(r, "cases"), at(r, "tolerance"), at(r, "worst"));
        }
        if (!str(s, "status").equals("ok")) {
            return str(s, "note");
        }
        if (r.has("device")) {
            return "device " + str(r, "device");
        }
        if (r.has("model")) {
            return "model in `" + str(r, "model") + "`";
        }
        JsonObject report = r.getAsJsonObject("report");
        if (report == null) {
            return "";
        }
        JsonObject run = report.getAsJsonObject("run");
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%s %s e%s s%s: %.3f s per prediction (median), load %.1f s",
                str(run, "dtype"), str(run, "size"), str(run, "ensemble"), str(run, "steps"),
                at(report, "seconds.prediction.median"), at(report, "seconds.load")));
        if (report.has("stack")) {
            parts.add(String.format(Locale.ROOT, "%.2f frames/s over %s frames", at(report,
                    "stack.frames_per_second"), str(report.getAsJsonObject("stack"), "frames")));
        }
        if (report.has("completion")) {
            parts.add(String.format(Locale.ROOT, "%s completion %.2f s", str(report.getAsJsonObject("completion"),
                    "method"), at(report, "completion.seconds")));
        }
        parts.add(String.format(Locale.ROOT, "peak RSS %.0f MB", at(report, "memory.peak_rss_mb")));
        return String.join("; ", parts);
    }

    /** What a step printed, parsed: a bench report, a self-test's outcome, info's lines, or its last lines. */
    private static JsonElement result(String name, Path dir) {
        List<String> out = lines(dir.resolve(name + ".out"), false);
        String text = String.join("\n", out).strip();
        JsonObject r = new JsonObject();
        if (text.startsWith("{")) {
            try {
                r.add("report", JsonParser.parseString(text));
                return r;
            } catch (JsonSyntaxException e) {
                // not a bench report after all: kept as text below
            }
        }
        Matcher m = SELFTEST.matcher(out.isEmpty() ? "" : out.get(out.size() - 1));
        if (m.find()) {
            r.addProperty("passed", Integer.parseInt(m.group(1)));
            r.addProperty("cases", Integer.parseInt(m.group(2)));
            r.addProperty("tolerance", Double.parseDouble(m.group(3)));
            r.add("worst", number(m.group(4)));
            JsonArray failed = new JsonArray();
            for (String line : out) {
                Matcher f = FAILED_CASE.matcher(line);
                if (f.find()) {
                    JsonObject c = new JsonObject();
                    c.addProperty("case", f.group(1));
                    c.add("worst", number(f.group(2)));
                    failed.add(c);
                }
            }
            r.add("failed_cases", failed);
            return r;
        }
        if (name.equals("info")) {
            for (String line : out) {
                Matcher i = INFO_LINE.matcher(line);
                if (i.matches()) {
                    r.addProperty(i.group(1), i.group(2));
                }
            }
            return r;
        }
        if (name.equals("generate") && out.size() == 1) {
            r.addProperty("model", out.get(0).strip());
            return r;
        }
        List<String> err = lines(dir.resolve(name + ".err"), false);
        r.addProperty("output_tail", String.join("\n", tail(out, 10)));
        r.addProperty("error_tail", String.join("\n", tail(err, 10)));
        return r;
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static JsonElement number(String s) {
        try {
            return new JsonPrimitive(s.matches("-?\\d+") ? (Number) Long.parseLong(s) : (Number) Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return new JsonPrimitive(s);
        }
    }

    /** Replaces text values that are numbers by numbers (empty ones are dropped). */
    private static void numbers(JsonObject o, String... keys) {
        for (String k : keys) {
            if (!o.has(k)) {
                continue;
            }
            String v = o.get(k).getAsString().strip();
            if (v.isEmpty()) {
                o.remove(k);
            } else {
                o.add(k, number(v));
            }
        }
    }

    /** A header line and tab-separated rows as an array of objects. */
    private static JsonArray table(List<String> lines) {
        JsonArray rows = new JsonArray();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split("\t", -1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            JsonObject row = new JsonObject();
            for (int i = 0; i < header.length; i++) {
                row.addProperty(header[i], i < f.length ? f[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static JsonObject keyValues(List<String> lines, char separator) {
        JsonObject o = new JsonObject();
        for (String line : lines) {
            int at = line.indexOf(separator);
            if (at > 0) {
                o.addProperty(line.substring(0, at).strip(), line.substring(at + 1).strip());
            }
        }
        return o;
    }

    private static void move(JsonObject from, JsonObject to, String key) {
        move(from, to, key, key);
    }

    private static void move(JsonObject from, JsonObject to, String key, String as) {
        JsonElement v = from.remove(key);
        if (v != null) {
            to.add(as, v);
        }
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    /** Text for a Markdown table cell: no pipes, no line breaks. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }

    private static List<String> lines(Path file, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new IllegalArgumentException(file + " is missing: point GpuReport at the folder bench/gpu.sh"
                        + " wrote");
            }
            return List.of();
        }
        try {
            // decoded leniently: native libraries may write any bytes to a step's output
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number at a dotted path of a bench report, or NaN. */
    private static double at(JsonObject o, String path) {
        JsonElement e = o;
        for (String k : path.split("\\.")) {
            if (e == null || !e.isJsonObject()) {
                return Double.NaN;
            }
            e = e.getAsJsonObject().get(k);
        }
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
    }
}
