package org.depthfm.cli;

import ij.ImagePlus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.depthfm.base.Defaults;
import org.depthfm.batch.BatchPlan;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.ops.completion.Residuals;
import org.depthfm.imagej.DepthCompleter;
import org.depthfm.imagej.ImageFiles;
import org.depthfm.imagej.SparseInputs;
import org.depthfm.imagej.PointsCsv;
import org.depthfm.pipeline.CompletionMethod;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.CompletionPipeline;
import org.depthfm.pipeline.ModelHolder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm complete}: dense depth from an image and sparse known depths. */
@Command(name = "complete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Completes sparse depth: dense depth for IMAGE in the unit of the known points, as a 32-bit TIFF.",
                "Methods, each ending with a scale-and-shift fit to the points: align (predict, then fit: the cost of"
                        + " 'estimate'), guided (steer the flow toward the points: about 3 x --iterations times that,"
                        + " float32), learned (a depth-completion checkpoint: about the cost of 'estimate').",
                "Prints the fit and the RMSE/MAE at the points (and at --held-out points). Inputs are checked before"
                        + " the model loads, and the memory before the model runs; outputs are written whole or not at"
                        + " all, and never over an input."})
final class CompleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "The image (TIFF, PNG, JPEG, ...; one plane).")
    Path image;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the known depths come from: exactly one. */
    static final class Source {
        @Option(names = "--sparse", paramLabel = "S.tif",
                description = "Sparse depth of the image's size: depth above 0 where known, 0 or NaN elsewhere.")
        Path sparse;

        @Option(names = "--points", paramLabel = "P.csv",
                description = "Known points as x,y,depth lines (pixels from the top-left corner; header optional).")
        Path points;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.tif",
            description = "The completed depth (default: <image>-completed.tif beside the image).")
    Path output;

    @Option(names = "--method", defaultValue = "align", paramLabel = "M",
            description = "align, guided or learned (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--space", defaultValue = "log", paramLabel = "S",
            description = "Fit scale and shift in log, disparity or linear depth (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--robust", defaultValue = "0", paramLabel = "ERR",
            description = "Robust fit (RANSAC): inliers within this relative depth error, e.g. 0.05; 0 = least"
                    + " squares (default: ${DEFAULT-VALUE}).")
    double robust;

    @Mixin
    SamplingMixin sampling;

    @Option(names = "--iterations", defaultValue = Defaults.GUIDANCE_ITERATIONS_TEXT, paramLabel = "N",
            description = "guided: gradient steps per Euler step (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--learning-rate", defaultValue = Defaults.GUIDANCE_LEARNING_RATE_TEXT, paramLabel = "LR",
            description = "guided: Adam's step size on the flow's state (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--held-out", defaultValue = "0", paramLabel = "F",
            description = "Share of the points kept from the method to report the error where it did not look"
                    + " (default: ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(names = "--unit", paramLabel = "U", description = "The points' depth unit (default: the sparse image's).")
    String unit;

    @Option(names = "--uncertainty", description = "Also write the ensemble uncertainty (<out>-uncertainty.tif).")
    boolean uncertainty;

    @Option(names = "--residuals", paramLabel = "CSV",
            description = "Also write every point's known and completed depth and residual.")
    Path residuals;

    @Mixin
    RunMixin run;

    @Override
    public Integer call() {
        CompletionOptions options = new CompletionOptions(CompletionMethod.parse(method),
                sampling.sampling(), sampling.processingRes, CompletionOptions.parseSpace(space), robust,
                iterations, learningRate, heldOut);
        Path out = output != null ? output : image.resolveSibling(stem(image) + "-completed.tif");
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).matches(".+\\.tiff?")) {
            throw new IllegalArgumentException("the output must be a .tif file, not " + out);
        }
        Path uncertaintyOut = out.resolveSibling(stem(out) + "-uncertainty.tif");
        requireDistinct(out, uncertaintyOut);
        ImagePlus imp = ImageFiles.open(image);
        SparseInputs.Known known = source.sparse != null ? SparseInputs.read(source.sparse, false, imp, unit)
                : SparseInputs.read(source.points, true, imp, unit);
        KnownPoints points = known.points();
        String depthUnit = known.unit();
        run.engine.useThreads(0);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        DepthCompleter.Result r;
        try (ModelHolder holder = new ModelHolder()) {
            r = holder.with(run.model.resolve().dir(), options.method().engine(run.engine.options()),
                    m -> DepthCompleter.complete(m, imp, points, depthUnit, options, progress));
        } finally {
            progress.clear();
        }
        ImageFiles.saveTiff(r.depth(), out);
        if (uncertainty) {
            ImageFiles.saveTiff(r.uncertainty(), uncertaintyOut);
        }
        CompletionPipeline.Result maps = r.maps();
        if (residuals != null) {
            PointsCsv.writeResiduals(residuals, maps.given(), Residuals.each(maps.depth(), maps.given()),
                    maps.heldOut(), Residuals.each(maps.depth(), maps.heldOut()));
        }
        report(spec.commandLine().getOut(), maps, options, depthUnit, out);
        return 0;
    }

    /** Refuses outputs that would replace an input or each other, naming both by their options. */
    private void requireDistinct(Path out, Path uncertaintyOut) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("the image", image);
        inputs.put(source.sparse != null ? "--sparse" : "--points", source.sparse != null ? source.sparse : source.points);
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put(output != null ? "-o" : "the output", out);
        if (uncertainty) {
            outputs.put("the uncertainty", uncertaintyOut);
        }
        if (residuals != null) {
            outputs.put("--residuals", residuals);
        }
        List<Map.Entry<String, Path>> seen = new ArrayList<>();
        for (Map.Entry<String, Path> o : outputs.entrySet()) {
            for (Map.Entry<String, Path> i : inputs.entrySet()) {
                if (BatchPlan.sameFile(o.getValue(), i.getValue())) {
                    throw new IllegalArgumentException(o.getKey() + " " + o.getValue() + " would replace " + i.getKey()
                            + " " + i.getValue() + "; write it elsewhere");
                }
            }
            for (Map.Entry<String, Path> other : seen) {
                if (BatchPlan.sameFile(o.getValue(), other.getValue())) {
                    throw new IllegalArgumentException(o.getKey() + " and " + other.getKey() + " are the same file "
                            + o.getValue() + "; give each its own");
                }
            }
            seen.add(o);
        }
    }

    private static void report(PrintWriter out, CompletionPipeline.Result r, CompletionOptions o, String unit, Path file) {
        String u = unit.isEmpty() ? "" : " " + unit;
        out.printf(Locale.ROOT, "%s: %d points, %s fit scale %.6g shift %.6g on %d%n", o.method().id(), r.given().size(),
                o.space().name().toLowerCase(Locale.ROOT), r.fit().scale(), r.fit().shift(), r.fit().samples());
        out.printf(Locale.ROOT, "at the points: RMSE %.6g%s, MAE %.6g%s%n", r.atGiven().rmse(), u, r.atGiven().mae(), u);
        if (r.heldOut().size() > 0) {
            out.printf(Locale.ROOT, "at %d held-out points: RMSE %.6g%s, MAE %.6g%s%n", r.heldOut().size(),
                    r.atHeldOut().rmse(), u, r.atHeldOut().mae(), u);
        }
        out.printf(Locale.ROOT, "-> %s%n", file);
        out.flush();
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
