package org.depthfm.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.depthfm.tools.bench.Benchmark;
import org.depthfm.tools.bench.MachineInfo;
import org.depthfm.tools.bench.MachinePeak;
import org.depthfm.tools.bench.OpProfile;
import org.depthfm.tools.bench.ProcessMemory;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.runtime.MemoryPlanner;
import org.depthfm.store.ModelFolder;

/** The benchmark's results as an ordered map (printed as JSON) and as text. */
final class BenchReport {
    private static final double MB = 1e6;

    private BenchReport() {
    }

    static Map<String, Object> of(MachineInfo machine, DepthFM model, ModelFolder folder, Benchmark.Spec spec,
            MemoryPlanner.Plan plan, double loadSeconds, ProcessMemory loaded, MachinePeak peak, Benchmark.Timing t) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("machine", Map.of("cpu", machine.cpu(), "cores", machine.cores(),
                "memory_gb", round(machine.memoryBytes() / 1e9), "java", machine.java(), "libtorch", machine.libtorch(),
                "threads", machine.intraOpThreads() + " intra-op, " + machine.interOpThreads() + " inter-op"));
        r.put("load_average_1min", loadAverage());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("model", folder.dir().toString());
        run.put("device", model.manager().getDevice().toString());
        run.put("dtype", model.dtype().toString().toLowerCase(Locale.ROOT));
        run.put("size", spec.width() + "x" + spec.height());
        run.put("steps", spec.sampling().steps());
        run.put("ensemble", spec.sampling().ensembleSize());
        if (plan == null) {
            run.put("member_batch", spec.sampling().memberBatch());
        } else {
            run.put("planner", Map.of("unet_batch", plan.unetBatch(), "decode_batch", plan.decodeBatch(),
                    "estimated_activation_peak_mb", round(plan.peakBytes() / MB),
                    "budget_mb", round(plan.budgetBytes() / MB)));
        }
        run.put("warmup", spec.warmup());
        run.put("repeat", spec.repeat());
        r.put("run", run);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("load", round(loadSeconds));
        s.put("first_prediction", round(t.firstSeconds()));
        s.put("prediction", stats(t.total()));
        s.put("encode", stats(t.encode()));
        s.put("unet_call", stats(t.unet()));
        s.put("decode", stats(t.decode()));
        r.put("seconds", s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rss_after_load_mb", round(loaded.rss() / MB));
        m.put("rss_before_timed_runs_mb", round(t.beforePredictions().rss() / MB));
        m.put("peak_rss_mb", round(t.afterPredictions().peak() / MB));
        m.put("anonymous_before_timed_runs_mb", round(t.beforePredictions().anonymous() / MB));
        m.put("anonymous_peak_mb", round(t.anonymousPeak() / MB));
        m.put("rss_after_runs_mb", round(t.afterPredictions().rss() / MB));
        m.put("anonymous_after_runs_mb", round(t.afterPredictions().anonymous() / MB));
        m.put("file_backed_after_runs_mb", round(t.afterPredictions().fileBacked() / MB));
        m.put("native_after_runs_mb", round(t.afterPredictions().nativeBytes() / MB));
        m.put("java_heap_used_mb", round(t.afterPredictions().heapUsed() / MB));
        m.put("java_heap_committed_mb", round(t.afterPredictions().heapCommitted() / MB));
        r.put("memory", m);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("gflop_per_prediction", round(t.gflop()));
        f.put("encode_gflops", round(t.phaseGflop()[0] / t.encode().median()));
        f.put("unet_call_gflops", round(t.phaseGflop()[1] / t.unet().median()));
        f.put("decode_gflops", round(t.phaseGflop()[2] / t.decode().median()));
        f.put("pipeline_gflops", round(t.gflops()));
        f.put("machine_conv_gflops", round(peak.convGflops()));
        f.put("machine_matmul_gflops", round(peak.matMulGflops()));
        f.put("share_of_conv_peak", round(t.gflops() / peak.convGflops()));
        r.put("throughput", f);
        return r;
    }

    static Map<String, Object> stack(Benchmark.StackTiming t, Benchmark.Spec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", t.frames());
        m.put("size", spec.width() + "x" + spec.height());
        m.put("steps", spec.sampling().steps());
        m.put("ensemble", spec.sampling().ensembleSize());
        m.put("temporal_alignment", t.frames() > 1);
        m.put("seconds", round(t.seconds()));
        m.put("frames_per_second", round(t.framesPerSecond()));
        return m;
    }

    static Map<String, Object> completion(Benchmark.CompletionTiming t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", t.method().id());
        m.put("points", t.points());
        m.put("seconds", round(t.seconds()));
        m.put("rmse_at_points", round(t.rmseAtPoints()));
        return m;
    }

    static List<Map<String, Object>> ops(List<OpProfile.Op> ops, int top) {
        return ops.stream().limit(top).map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", o.name());
            m.put("calls", o.calls());
            m.put("self_ms", round(o.selfMicros() / 1e3));
            m.put("total_ms", round(o.totalMicros() / 1e3));
            return m;
        }).collect(Collectors.toList());
    }

    /** The same content as indented "key: value" lines. */
    static String text(Map<String, Object> report) {
        StringBuilder b = new StringBuilder();
        append(b, report, "");
        return b.toString().stripTrailing();
    }

    private static void append(StringBuilder b, Object value, String indent) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                b.append(indent).append(k).append(':');
                if (v instanceof Map<?, ?> || v instanceof List<?>) {
                    b.append('\n');
                    append(b, v, indent + "  ");
                } else {
                    b.append(' ').append(v).append('\n');
                }
            });
        } else if (value instanceof List<?> l) {
            for (Object o : l) {
                b.append(indent).append(o instanceof Map<?, ?> m ? m.values().stream().map(String::valueOf)
                        .collect(Collectors.joining("  ")) : String.valueOf(o)).append('\n');
            }
        }
    }

    private static Map<String, Object> stats(Benchmark.Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", round(s.median()));
        m.put("min", round(s.min()));
        m.put("max", round(s.max()));
        m.put("n", s.count());
        return m;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }
}
