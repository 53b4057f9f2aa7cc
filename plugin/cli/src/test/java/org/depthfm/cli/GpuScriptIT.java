package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.depthfm.base.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/gpu.sh --cpu} end to end, as CI runs it: every step but the CUDA ones runs on the
 * full-size random model at the reduced sizes and the report says what each found. No timings are
 * checked; the budget is wide so that a busy machine skips nothing.
 */
class GpuScriptIT {
    private static final Path REPO = Path.of(System.getProperty("depthfm.repo", "../..")).toAbsolutePath().normalize();
    private static Path work;
    private static int exit;
    private static String log;
    private static JsonObject report;
    private static final Map<String, JsonObject> STEPS = new LinkedHashMap<>();

    @BeforeAll
    static void runTheScriptOnTheCpu() throws IOException, InterruptedException {
        work = Files.createTempDirectory("gpu-script-it");
        Path out = work.resolve("out");
        Process p = new ProcessBuilder("bash", "bench/gpu.sh", "--cpu", "--budget", "3600", "--model",
                work.resolve("model").toString(), out.toString()).directory(REPO.toFile()).redirectErrorStream(true)
                .start();
        log = new String(p.getInputStream().readAllBytes());
        exit = p.waitFor();
        report = JsonParser.parseString(Files.readString(out.resolve("gpu.json"))).getAsJsonObject();
        for (JsonElement e : report.getAsJsonArray("steps")) {
            STEPS.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
        }
    }

    @AfterAll
    static void removeTheModel() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static JsonObject bench(String step) {
        JsonObject s = STEPS.get(step);
        assertEquals("ok", s.get("status").getAsString(), step + ": " + s);
        return s.getAsJsonObject("result").getAsJsonObject("report");
    }

    @Test
    void everyStepButTheHalfPrecisionOnesRunsAndPasses() {
        assertEquals(0, exit, log);
        assertEquals("cpu", report.get("mode").getAsString());
        assertTrue(report.get("passed").getAsBoolean(), log);
        assertEquals(List.of("info", "selftest-fp32", "selftest-fp16", "generate", "fp16-512-e4", "fp16-1024-e1",
                "fp16-stack-100", "fp32-512-e4", "fp32-1024-e1", "fp32-stack-100", "guided-fp32"),
                new ArrayList<>(STEPS.keySet()));
        for (String half : List.of("selftest-fp16", "fp16-512-e4", "fp16-1024-e1", "fp16-stack-100")) {
            assertEquals("skipped", STEPS.get(half).get("status").getAsString(), half);
            assertTrue(STEPS.get(half).get("note").getAsString().contains("needs CUDA"), half);
        }
    }

    @Test
    void theSelfTestPassesEveryCaseOfTheFixtures() throws IOException {
        int cases = JsonParser.parseString(Files.readString(Fixtures.tiny().resolve("cases.json"))).getAsJsonObject()
                .getAsJsonArray("cases").size();
        JsonObject r = STEPS.get("selftest-fp32").getAsJsonObject("result");
        assertEquals(cases, r.get("cases").getAsInt());
        assertEquals(cases, r.get("passed").getAsInt());
        assertTrue(r.get("worst").getAsDouble() <= 1e-4);
        assertTrue(STEPS.get("info").getAsJsonObject("result").get("device").getAsString().startsWith("cpu"));
    }

    @Test
    void theFullSizeModelIsGeneratedAndEachBenchRanAtItsReducedSize() {
        assertEquals(work.resolve("model").toString(), STEPS.get("generate").getAsJsonObject("result").get("model")
                .getAsString());
        assertTrue(Files.isRegularFile(work.resolve("model/vae/config.json")));
        JsonObject a = bench("fp32-512-e4");
        assertEquals("64x64", a.getAsJsonObject("run").get("size").getAsString());
        assertEquals(2, a.getAsJsonObject("run").get("ensemble").getAsInt());
        assertEquals("float32", a.getAsJsonObject("run").get("dtype").getAsString());
        // 2 Euler steps, one timed prediction: two UNet calls per batch of members the planner chose
        int batch = a.getAsJsonObject("run").getAsJsonObject("planner").get("unet_batch").getAsInt();
        assertEquals(2 * ((2 + batch - 1) / batch), a.getAsJsonObject("seconds").getAsJsonObject("unet_call").get("n")
                .getAsInt());
        assertEquals("128x128", bench("fp32-1024-e1").getAsJsonObject("run").get("size").getAsString());
        JsonObject stack = bench("fp32-stack-100").getAsJsonObject("stack");
        assertEquals(3, stack.get("frames").getAsInt());
        assertTrue(stack.get("frames_per_second").getAsDouble() > 0);
        JsonObject guided = bench("guided-fp32").getAsJsonObject("completion");
        assertEquals("guided", guided.get("method").getAsString());
        assertTrue(Double.isFinite(guided.get("rmse_at_points").getAsDouble()));
    }

    @Test
    void theSummaryHasARowPerStepAndTheCandidatesAreListed() throws IOException {
        String md = Files.readString(work.resolve("out/summary.md"));
        for (String step : STEPS.keySet()) {
            assertTrue(md.contains("| " + step + " | "), step + " in\n" + md);
        }
        JsonArray cands = report.getAsJsonObject("libtorch").getAsJsonArray("candidates");
        for (JsonElement c : cands) {
            assertTrue(c.getAsJsonObject().has("verdict"));
        }
        assertTrue(report.getAsJsonObject("libtorch").get("used").getAsString().contains("pytorch-native-cpu"));
    }
}
