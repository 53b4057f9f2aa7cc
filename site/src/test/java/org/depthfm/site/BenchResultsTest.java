package org.depthfm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The performance page from a results folder: reports tabulated and plotted, notes and tables shown. */
class BenchResultsTest {
    private static final String REPORT = """
            {"machine": {"cpu": "Test CPU", "threads": "2 intra-op, 1 inter-op"},
             "run": {"size": "512x384", "steps": 2, "ensemble": 4},
             "seconds": {"load": 3.5, "prediction": {"median": 41.2, "min": 40.0, "max": 44.9, "n": 3},
                         "encode": {"median": 4.1}, "unet_call": {"median": 15.0}, "decode": {"median": 7.2}},
             "memory": {"peak_rss_mb": 6120.5}, "throughput": {"pipeline_gflops": 95.1}}
            """;

    @Test
    void rendersReportsNotesAndTables(@TempDir Path tmp) throws Exception {
        Path results = Files.createDirectories(tmp.resolve("results"));
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(results.resolve("cpu-512.json"), REPORT);
        Files.writeString(results.resolve("notes.md"), "# Notes\n\nSee [the raw data](cpu-512.json).\n");
        Files.writeString(results.resolve("sweep.csv"), "size,seconds\n\"256x256, warm\",10.5\n");
        String html = BenchResults.html(results, site, new Markdown(), new HashSet<>());
        assertTrue(html.contains("<td>cpu-512</td>") && html.contains("<td>41.2</td>") && html.contains("<td>6120</td>"), html);
        assertTrue(html.contains("<h2 id=\"notes\">Notes</h2>"), "notes' headings sit below the page's: " + html);
        assertTrue(html.contains("href=\"files/bench/results/cpu-512.json\""), "links lead to the copied files: " + html);
        assertTrue(html.contains("<td>256x256, warm</td>"), "quoted CSV fields: " + html);
        assertTrue(Files.isRegularFile(site.resolve("files/bench/results/cpu-512.json")));
        for (String chart : List.of("bench-prediction.svg", "bench-phases.svg", "bench-memory.svg")) {
            Path svg = site.resolve("images/bench/" + chart);
            assertTrue(html.contains("images/bench/" + chart), chart + " is shown");
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
            assertEquals("svg", root.getTagName());
        }
        assertTrue(Files.readString(site.resolve("images/bench/bench-phases.svg")).contains("cpu-512 · UNet call"));
    }

    @Test
    void anEmptyFolderSaysSo(@TempDir Path tmp) {
        assertTrue(BenchResults.html(tmp.resolve("missing"), tmp, new Markdown(), new HashSet<>()).contains("No benchmark results"));
    }

    @Test
    void scalesHaveRoundTicks() {
        assertEquals(10, SvgBarChart.niceStep(44.9));
        assertEquals(0.5, SvgBarChart.niceStep(2.1));
        assertEquals("6120", SvgBarChart.number(6120.5));
        assertEquals("41.2", SvgBarChart.number(41.2));
    }
}
