package org.depthfm.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of bench/gpu.sh, from an output folder written here as the script writes one. */
class GpuReportTest {
    @TempDir
    Path dir;

    private void file(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private void scriptOutput() throws IOException {
        file("machine.env", "mode=gpu", "started=2026-01-01T00:00:00Z", "budget_s=480", "wall_s=301",
                "gpus=0, NVIDIA H200, 143771 MiB", "driver=580.159.03", "driver_cuda=13.0",
                "libtorch=PYTORCH_LIBRARY_PATH=/opt/t/lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128",
                "fp16_tolerance=5e-2", "sizes=512x512 e4 s2");
        file("libtorch.tsv", "dir\tfound_by\tversion\tcuda\tcuda_build\tverdict\treason",
                "/opt/a/lib\tsearch\t2.11.0+cu130\t13.0\tyes\tno\tlibtorch 2.11.0+cu130 does not match: 12 undefined symbols",
                "/opt/t/lib\t--libtorch\t2.7.1+cu128\t12.8\tyes\tfits\tsymbols of the JNI resolve (ldd -r)");
        file("steps.tsv", "name\tstatus\texit\tseconds\tlimit_s\tgpu_peak_mib\tgpu_before_mib\tnote\tcommand",
                "info\tok\t0\t2.5\t60\t600\t0\t\tdepthfm info",
                "selftest-fp16\tfailed\t1\t9.0\t120\t900\t0\t\tdepthfm selftest",
                "fp16-512-e4\tok\t0\t40.2\t90\t9000\t0\t\tdepthfm bench",
                "fp32-1024-e1\ttimeout\t124\t90.0\t90\t20000\t0\tstopped at its 90 s limit\tdepthfm bench",
                "guided-fp32\tskipped\t\t0\t\t\t\tthe 480 s budget is spent\t");
        file("info.out", "depthfm      0.1.0", "device       cuda:0 (--device auto; libtorch sees 1 CUDA GPU)",
                "model cache  /root/.depthfm/models", "  depthfm-v1  missing  0 B  /x");
        file("selftest-fp16.out", "PASS  unet_forward                 worst 1.20e-03  (out 1.2e-03)",
                "FAIL  pipeline_s2_e4               worst 7.50e-02  (depth 7.5e-02)", "12/13 cases pass at 5e-02 (worst 7.50e-02)");
        file("fp16-512-e4.out", "{\"run\": {\"dtype\": \"float16\", \"size\": \"512x512\", \"ensemble\": 4, \"steps\": 2},",
                " \"seconds\": {\"load\": 3.5, \"prediction\": {\"median\": 0.25}},",
                " \"memory\": {\"peak_rss_mb\": 5000}, \"stack\": {\"frames\": 100, \"frames_per_second\": 12.5}}");
        file("fp32-1024-e1.err", "loaded /x in 3.0 s", "first prediction 80.0 s");
    }

    @Test
    void gathersTheMachineTheLibtorchChoiceAndEveryStep() throws IOException {
        scriptOutput();
        JsonObject r = GpuReport.read(dir);
        assertEquals("gpu", r.get("mode").getAsString());
        assertEquals(480, r.get("budget_s").getAsInt());
        assertEquals(0.05, r.get("fp16_tolerance").getAsDouble(), 1e-12);
        assertEquals("580.159.03", r.getAsJsonObject("machine").get("driver").getAsString());
        JsonObject lt = r.getAsJsonObject("libtorch");
        assertTrue(lt.get("used").getAsString().contains("PYTORCH_FLAVOR=cu128"));
        assertEquals(2, lt.getAsJsonArray("candidates").size());
        assertEquals("fits", lt.getAsJsonArray("candidates").get(1).getAsJsonObject().get("verdict").getAsString());

        JsonArray steps = r.getAsJsonArray("steps");
        assertEquals(5, steps.size());
        JsonObject info = steps.get(0).getAsJsonObject();
        assertEquals(0, info.get("exit").getAsInt());
        assertEquals(600, info.get("gpu_added_mib").getAsDouble(), 0);
        assertEquals("cuda:0 (--device auto; libtorch sees 1 CUDA GPU)",
                info.getAsJsonObject("result").get("device").getAsString());
        assertEquals("/root/.depthfm/models", info.getAsJsonObject("result").get("model cache").getAsString());

        JsonObject selftest = steps.get(1).getAsJsonObject().getAsJsonObject("result");
        assertEquals(12, selftest.get("passed").getAsInt());
        assertEquals(13, selftest.get("cases").getAsInt());
        assertEquals(0.05, selftest.get("tolerance").getAsDouble(), 1e-12);
        assertEquals(0.075, selftest.get("worst").getAsDouble(), 1e-12);
        assertEquals("pipeline_s2_e4", selftest.getAsJsonArray("failed_cases").get(0).getAsJsonObject().get("case")
                .getAsString());

        JsonObject bench = steps.get(2).getAsJsonObject().getAsJsonObject("result").getAsJsonObject("report");
        assertEquals(0.25, bench.getAsJsonObject("seconds").getAsJsonObject("prediction").get("median").getAsDouble());

        JsonObject timedOut = steps.get(3).getAsJsonObject();
        assertEquals("first prediction 80.0 s", timedOut.getAsJsonObject("result").get("error_tail").getAsString()
                .lines().reduce((a, b) -> b).orElseThrow());
        JsonObject skipped = steps.get(4).getAsJsonObject();
        assertFalse(skipped.has("result"));
        assertFalse(skipped.has("exit"));
        assertFalse(r.get("passed").getAsBoolean(), "a step timed out");
    }

    @Test
    void summarisesOneRowPerStepWithItsFigure() throws IOException {
        scriptOutput();
        GpuReport.write(dir);
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("**A step failed or timed out**"), md);
        assertTrue(md.contains("| fp16-512-e4 | ok | 40.2 | float16 512x512 e4 s2: 0.250 s per prediction (median),"
                + " load 3.5 s; 12.50 frames/s over 100 frames; peak RSS 5000 MB | 9000 (9000) |"), md);
        assertTrue(md.contains("| selftest-fp16 | failed | 9.0 | 12/13 cases pass at 5e-02 (worst 7.50e-02) |"), md);
        assertTrue(md.contains("| guided-fp32 | skipped | 0 | the 480 s budget is spent |"), md);
        assertTrue(md.contains("| `/opt/a/lib` | search | 2.11.0+cu130 | 13.0 | no |"), md);
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("gpu.json"))).getAsJsonObject();
        assertEquals(5, json.getAsJsonArray("steps").size());
    }

    @Test
    void aFolderTheScriptDidNotWriteIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuReport.read(dir));
        assertTrue(e.getMessage().contains("machine.env is missing"), e.getMessage());
    }
}
