package org.depthfm.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.depthfm.base.Defaults;
import org.depthfm.tools.bench.Benchmark;
import org.depthfm.tools.bench.MachineInfo;
import org.depthfm.tools.bench.MachinePeak;
import org.depthfm.tools.bench.OpProfile;
import org.depthfm.tools.bench.ProcessMemory;
import org.depthfm.tools.generate.RandomModel;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.runtime.MemoryPlanner;
import org.depthfm.pipeline.CompletionMethod;
import org.depthfm.store.ModelFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm bench}: load time, per-phase times, memory and arithmetic rate of predictions. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times model load, encode, each UNet call, decode and whole predictions (median and spread"
                + " after warm-up) on a random image, with peak and native memory and the GFLOP/s reached against"
                + " libtorch's own conv and matmul rates on this machine.",
                "Without --model-dir it benchmarks a full-size random-weight model, generated once (about 3.8 GB)."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "A model folder (a .ckpt and vae/).")
    Path modelDir;

    @Option(names = "--generate", paramLabel = "DIR", description = "Where the full-size random model is generated"
            + " (or reused) when no --model-dir is given (default: ~/.depthfm/bench/fullsize).")
    Path generate;

    @Option(names = "--size", defaultValue = "256x256", paramLabel = "WxH",
            description = "Image size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--steps", defaultValue = Defaults.STEPS_TEXT, description = "Euler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--ensemble", defaultValue = "1", description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--member-batch", defaultValue = "0", paramLabel = "N",
            description = "Members per UNet batch; 0 lets the memory planner choose (default: ${DEFAULT-VALUE}).")
    int memberBatch;

    @Option(names = "--memory-budget", paramLabel = "SIZE", description = "Memory the planner may use for"
            + " activations, e.g. 6g (default: what the system has available).")
    String memoryBudget;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed predictions first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed predictions (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--leak-check", paramLabel = "N", description = "Instead of timing, run N predictions and print"
            + " the resident and native memory after every 25.")
    int leakCheck;

    @Option(names = "--profile", paramLabel = "FILE", description = "Also run one prediction under the libtorch"
            + " profiler, write its Chrome trace to FILE and print the costliest operators.")
    Path profile;

    @Option(names = "--frames", paramLabel = "N", description = "Also time an N-frame stack at --size (distinct"
            + " random 8-bit frames, each through the whole pipeline, then aligned over time) and report frames per"
            + " second.")
    int frames;

    @Option(names = "--complete", paramLabel = "METHOD", description = "Also time one depth completion (align or"
            + " guided; guided needs --precision fp32) of a random image at --size from known depths on a grid.")
    String complete;

    @Option(names = "--complete-points", defaultValue = "100", paramLabel = "N",
            description = "About how many known depths --complete gives (default: ${DEFAULT-VALUE}).")
    int completePoints;

    @Option(names = "--generate-only", description = "Generate (or reuse) the full-size random model in --generate"
            + " DIR, print its folder and stop.")
    boolean generateOnly;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Mixin
    EngineMixin engine;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        engine.useThreads(0);
        var options = engine.options();
        if (memoryBudget != null) {
            System.setProperty(MemoryPlanner.BUDGET_PROPERTY, Long.toString(MemoryPlanner.parseBytes(memoryBudget)));
        }
        if (generateOnly) {
            if (modelDir != null) {
                throw new IllegalArgumentException("--generate-only writes the random model to --generate DIR; drop"
                        + " --model-dir");
            }
            out.println(generated(err).dir());
            return 0;
        }
        CompletionMethod method = complete == null ? null : CompletionMethod.parse(complete);
        if (method == CompletionMethod.LEARNED) {
            throw new IllegalArgumentException("--complete learned needs a completion checkpoint, which the random"
                    + " model is not; use align or guided");
        }
        int[] wh = parseSize(size);
        Benchmark.Spec bench = new Benchmark.Spec(wh[0], wh[1], new Sampling(steps, ensemble, 0, -1, memberBatch),
                Math.max(1, warmup), Math.max(1, repeat));
        ModelFolder folder = modelDir != null ? ModelFolder.of(modelDir) : generated(err);
        MachineInfo machine = MachineInfo.read();
        long t0 = System.nanoTime();
        try (DepthFM model = DepthFM.load(folder, options)) {
            double load = (System.nanoTime() - t0) / 1e9;
            ProcessMemory loaded = ProcessMemory.read();
            err.printf(Locale.ROOT, "loaded %s in %.2f s%n", folder.dir(), load);
            if (leakCheck > 0) {
                ProcessMemory[] ends = Benchmark.leakCheck(model, bench, leakCheck, err::println);
                out.printf(Locale.ROOT, "native memory (RSS - committed heap) grew by %.1f MB over %d predictions%n",
                        (ends[1].nativeBytes() - ends[0].nativeBytes()) / 1e6, leakCheck);
                return 0;
            }
            MemoryPlanner.Plan plan = memberBatch > 0 ? null : model.plan(wh[0], wh[1], ensemble);
            MachinePeak peak = MachinePeak.measure(model.manager(), model.dtype());
            Benchmark.Timing t = Benchmark.time(model, bench, err::println);
            Map<String, Object> report = BenchReport.of(machine, model, folder, bench, plan, load, loaded, peak, t);
            if (frames > 0) {
                report.put("stack", BenchReport.stack(Benchmark.stack(model, bench, frames, err::println), bench));
            }
            if (method != null) {
                report.put("completion", BenchReport.completion(Benchmark.completion(model, bench, method,
                        completePoints, err::println)));
            }
            if (profile != null) {
                List<OpProfile.Op> ops = Benchmark.profile(model, bench, profile);
                report.put("profile", BenchReport.ops(ops, 20));
            }
            out.println(json ? new GsonBuilder().setPrettyPrinting().create().toJson(report)
                    : BenchReport.text(report));
        }
        return 0;
    }

    private static int[] parseSize(String s) {
        String[] parts = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, e.g. 512x384, not '" + s + "'");
    }

    /** The cached full-size random model, generated on first use. */
    private ModelFolder generated(PrintWriter err) {
        Path dir = generate != null ? generate
                : Path.of(System.getProperty("user.home"), ".depthfm", "bench", "fullsize");
        if (Files.isDirectory(dir)) {
            try {
                return ModelFolder.of(dir);
            } catch (RuntimeException incomplete) {
                err.println("regenerating the incomplete random model in " + dir);
            }
        }
        err.println("generating a full-size random model in " + dir + " (once; about 3.8 GB) ...");
        long t0 = System.nanoTime();
        ModelFolder folder = RandomModel.depthFmV1(0).write(dir);
        err.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return folder;
    }
}
