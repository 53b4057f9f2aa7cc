package org.depthfm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.depthfm.ops.metrics.DepthMetrics;
import org.depthfm.batch.BatchPlan;
import org.depthfm.imagej.ImageEvaluation;
import org.depthfm.imagej.ImageFiles;
import org.depthfm.pipeline.DepthEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm eval}: depth metrics of predictions against ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Depth metrics (AbsRel, SqRel, RMSE, RMSE(log), delta1-3) of a prediction against ground truth,"
                + " after an optional alignment; for two folders, per file and their mean.",
                "In folders, files match by name; a -depth suffix on prediction names is ignored (a-depth.tif <-> a.png);"
                        + " files without a match are listed on standard error. Stacks are scored over all their frames"
                        + " and must have as many as the ground truth; a ground truth of one depth is refused."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "P", description = "The prediction: an image, or a folder.")
    Path pred;

    @Option(names = "--gt", required = true, paramLabel = "G", description = "The ground truth: an image, or a folder.")
    Path gt;

    @Option(names = "--mask", paramLabel = "M", description = "Non-zero where the ground truth may be used (one image).")
    Path mask;

    @Option(names = "--uncertainty", paramLabel = "U",
            description = "The prediction's uncertainty map (one image): also report the mean error above and below"
                    + " its median (paper section 4).")
    Path uncertainty;

    @Option(names = "--align", defaultValue = "scale-shift", paramLabel = "A",
            description = "none, scale, scale-shift, log (the paper's) or disparity (default: ${DEFAULT-VALUE}).")
    String align;

    @Option(names = "--pred-log", description = "The prediction holds log-depth (--output-type log-depth).")
    boolean predLog;

    @Option(names = "--min-depth", defaultValue = "1e-3", paramLabel = "D",
            description = "Smallest valid ground-truth depth (default: ${DEFAULT-VALUE}).")
    double minDepth;

    @Option(names = "--max-depth", defaultValue = "Infinity", paramLabel = "D",
            description = "Largest valid ground-truth depth, e.g. 10 for NYUv2, 80 for KITTI (default: ${DEFAULT-VALUE}).")
    double maxDepth;

    @Option(names = "--gt-scale", defaultValue = "1", paramLabel = "S",
            description = "Ground-truth values times S are depth, e.g. 0.001 for millimetres (default: ${DEFAULT-VALUE}).")
    double gtScale;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        ImageEvaluation.Settings settings = new ImageEvaluation.Settings(DepthEvaluation.Align.parse(align), predLog,
                minDepth, maxDepth, gtScale);
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(pred) || !Files.exists(gt)) {
            throw new IllegalArgumentException("no such file or folder: " + (Files.exists(pred) ? gt : pred));
        }
        if (Files.isDirectory(pred) != Files.isDirectory(gt)) {
            throw new IllegalArgumentException("--pred and --gt must both be files or both be folders");
        }
        if (!Files.isDirectory(pred)) {
            DepthEvaluation.Report r = evaluate(pred, gt, settings);
            out.println(json ? json(r, null) : table(List.of(Map.entry(pred.getFileName().toString(), r)), false));
            return 0;
        }
        Map<String, DepthEvaluation.Report> reports = new LinkedHashMap<>();
        for (Map.Entry<String, Path[]> pair : pairs(pred, gt, spec.commandLine().getErr()).entrySet()) {
            Path p = pair.getValue()[0];
            Path g = pair.getValue()[1];
            try {
                reports.put(pair.getKey(), evaluate(p, g, settings));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--pred " + p + " against --gt " + g + ": " + e.getMessage(), e);
            }
        }
        out.println(json ? folderJson(reports) : table(new ArrayList<>(reports.entrySet()), true));
        return 0;
    }

    private DepthEvaluation.Report evaluate(Path p, Path g, ImageEvaluation.Settings settings) {
        return ImageEvaluation.evaluate(ImageFiles.open(p), ImageFiles.open(g), mask == null ? null : ImageFiles.open(mask),
                uncertainty == null ? null : ImageFiles.open(uncertainty), settings);
    }

    /**
     * Ground-truth files and their predictions, by ground-truth name; the files of either folder
     * that match none of the other are reported on standard error.
     */
    private static Map<String, Path[]> pairs(Path predDir, Path gtDir, PrintWriter err) {
        Map<String, Path> preds = new LinkedHashMap<>();
        list(predDir).forEach(p -> preds.put(key(p.getFileName().toString()), p));
        Map<String, Path[]> pairs = new LinkedHashMap<>();
        List<String> noPrediction = new ArrayList<>();
        for (Path g : list(gtDir)) {
            Path p = preds.remove(key(g.getFileName().toString()));
            if (p != null) {
                pairs.put(g.getFileName().toString(), new Path[] {p, g});
            } else {
                noPrediction.add(g.getFileName().toString());
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no prediction in " + predDir + " matches a ground-truth file in " + gtDir
                    + " (files match by name; a -depth suffix on predictions is ignored)");
        }
        if (!preds.isEmpty()) {
            err.println("depthfm: " + preds.size() + " prediction(s) in " + predDir + " match no ground-truth file and"
                    + " are not scored: " + names(preds.values()));
        }
        if (!noPrediction.isEmpty()) {
            err.println("depthfm: " + noPrediction.size() + " ground-truth file(s) in " + gtDir + " have no prediction"
                    + " and are not scored: " + String.join(", ", noPrediction));
        }
        err.flush();
        return pairs;
    }

    private static String names(Collection<Path> files) {
        return String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String key(String name) {
        String stem = BatchPlan.stem(name);
        return stem.endsWith("-depth") ? stem.substring(0, stem.length() - "-depth".length()) : stem;
    }

    private static final String[] NAMES = {"abs_rel", "sq_rel", "rmse", "rmse_log", "delta1", "delta2", "delta3"};

    private static double[] values(DepthMetrics m) {
        return new double[] {m.absRel(), m.sqRel(), m.rmse(), m.rmseLog(), m.delta1(), m.delta2(), m.delta3()};
    }

    private static String table(List<Map.Entry<String, DepthEvaluation.Report>> rows, boolean withMean) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-28s", "file"));
        for (String n : NAMES) {
            sb.append(String.format(Locale.ROOT, " %9s", n));
        }
        sb.append(String.format(Locale.ROOT, " %9s %11s %11s%n", "n_valid", "scale", "shift"));
        double[] sum = new double[NAMES.length];
        for (Map.Entry<String, DepthEvaluation.Report> row : rows) {
            DepthEvaluation.Report r = row.getValue();
            sb.append(String.format(Locale.ROOT, "%-28s", row.getKey()));
            double[] v = values(r.metrics());
            for (int i = 0; i < v.length; i++) {
                sb.append(String.format(Locale.ROOT, " %9.4f", v[i]));
                sum[i] += v[i];
            }
            sb.append(String.format(Locale.ROOT, " %9d %11.5g %11.5g%n", r.metrics().count(),
                    r.fit() == null ? 1.0 : r.fit().scale(), r.fit() == null ? 0.0 : r.fit().shift()));
        }
        if (withMean) {
            sb.append(String.format(Locale.ROOT, "%-28s", "mean (" + rows.size() + " files)"));
            for (double s : sum) {
                sb.append(String.format(Locale.ROOT, " %9.4f", s / rows.size()));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString().stripTrailing();
    }

    private static String json(DepthEvaluation.Report r, String file) {
        StringBuilder sb = new StringBuilder("{");
        if (file != null) {
            sb.append("\"file\": \"").append(file.replace("\\", "\\\\").replace("\"", "\\\"")).append("\", ");
        }
        double[] v = values(r.metrics());
        for (int i = 0; i < v.length; i++) {
            sb.append('"').append(NAMES[i]).append("\": ").append(number(v[i])).append(", ");
        }
        sb.append("\"n_valid\": ").append(r.metrics().count()).append(", \"scale\": ")
                .append(r.fit() == null ? "null" : number(r.fit().scale())).append(", \"shift\": ")
                .append(r.fit() == null ? "null" : number(r.fit().shift()));
        if (r.byUncertainty() != null) {
            sb.append(", \"mae_high_uncertainty\": ").append(number(r.byUncertainty().highMeanError()))
                    .append(", \"mae_low_uncertainty\": ").append(number(r.byUncertainty().lowMeanError()));
        }
        return sb.append('}').toString();
    }

    private static String folderJson(Map<String, DepthEvaluation.Report> reports) {
        StringBuilder sb = new StringBuilder("{\"files\": [");
        String sep = "";
        double[] sum = new double[NAMES.length];
        long valid = 0;
        for (Map.Entry<String, DepthEvaluation.Report> e : reports.entrySet()) {
            sb.append(sep).append(json(e.getValue(), e.getKey()));
            sep = ", ";
            double[] v = values(e.getValue().metrics());
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
            valid += e.getValue().metrics().count();
        }
        sb.append("], \"mean\": {");
        for (int i = 0; i < NAMES.length; i++) {
            sb.append('"').append(NAMES[i]).append("\": ").append(number(sum[i] / reports.size())).append(", ");
        }
        return sb.append("\"n_valid\": ").append(valid).append(", \"files\": ").append(reports.size()).append("}}")
                .toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
