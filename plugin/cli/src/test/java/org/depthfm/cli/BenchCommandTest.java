package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.depthfm.base.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code depthfm bench} runs end to end on the tiny fixture (its numbers are not checked: no timed tests). */
class BenchCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DepthFmCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void reportsTimesMemoryAndThroughputAsJson() {
        String[] r = run("bench", "--model-dir", Fixtures.tiny().toString(), "--size", "64x64", "--ensemble", "2",
                "--repeat", "1", "--device", "cpu", "--json");
        JsonObject report = JsonParser.parseString(r[0]).getAsJsonObject();
        assertTrue(report.getAsJsonObject("seconds").getAsJsonObject("prediction").get("median").getAsDouble() > 0);
        assertEquals(2, report.getAsJsonObject("seconds").getAsJsonObject("unet_call").get("n").getAsInt());
        assertTrue(report.getAsJsonObject("run").has("planner"));
        assertEquals("cpu()", report.getAsJsonObject("run").get("device").getAsString());
        assertEquals("float32", report.getAsJsonObject("run").get("dtype").getAsString());
        assertTrue(report.getAsJsonObject("throughput").get("gflop_per_prediction").getAsDouble() > 0);
        assertTrue(report.getAsJsonObject("memory").has("peak_rss_mb"));
    }

    @Test
    void leakCheckReportsMemoryAlongTheRun() {
        String[] r = run("bench", "--model-dir", Fixtures.tiny().toString(), "--size", "64x64", "--leak-check", "3",
                "--device", "cpu");
        assertTrue(r[0].contains("over 3 predictions"), r[0]);
        assertTrue(r[1].contains("after    3 predictions"), r[1]);
    }

    @Test
    void timesAStackAndACompletionWhenAsked() {
        String[] r = run("bench", "--model-dir", Fixtures.tiny().toString(), "--size", "64x64", "--ensemble", "1",
                "--repeat", "1", "--device", "cpu", "--frames", "2", "--complete", "align", "--json");
        JsonObject report = JsonParser.parseString(r[0]).getAsJsonObject();
        JsonObject stack = report.getAsJsonObject("stack");
        assertEquals(2, stack.get("frames").getAsInt());
        assertTrue(stack.get("temporal_alignment").getAsBoolean());
        assertTrue(stack.get("frames_per_second").getAsDouble() > 0);
        JsonObject completion = report.getAsJsonObject("completion");
        assertEquals("align", completion.get("method").getAsString());
        // about 100 points on 64x64: a grid of stride floor(sqrt(4096 / 100)) = 6 from pixel 3 on, 11 x 11
        assertEquals(121, completion.get("points").getAsInt());
        assertTrue(Double.isFinite(completion.get("rmse_at_points").getAsDouble()));
    }

    @Test
    void refusesWhatTheRandomModelCannotBenchmark() {
        StringWriter err = new StringWriter();
        int code = DepthFmCli.run(new String[] {"bench", "--model-dir", Fixtures.tiny().toString(), "--complete",
            "learned", "--device", "cpu"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("--complete learned needs a completion checkpoint"), err.toString());
        err.getBuffer().setLength(0);
        code = DepthFmCli.run(new String[] {"bench", "--model-dir", Fixtures.tiny().toString(), "--generate-only"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("drop --model-dir"), err.toString());
    }
}
