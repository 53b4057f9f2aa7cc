package org.depthfm.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The 3D export page's viewer in headless Chromium: the sample mesh that {@code depthfm export3d}
 * wrote at build time is drawn, from the web server and from disk (file://, where pages may not
 * fetch files): the counts the viewer reports match the PLY's header, and the screenshot's canvas
 * holds a picture, not the empty background. The screenshot is saved as
 * {@code target/site-screenshots/export3d-viewer.png}.
 */
class Viewer3dIT {
    private static final String CANVAS = "(function () { var c = document.querySelector('.viewer3d canvas');"
            + " if (!c) { return []; } c.scrollIntoView({block: 'center'}); var r = c.getBoundingClientRect();"
            + " return [r.left, r.top, r.width, r.height].map(function (v) { return String(Math.round(v)); }); })()";
    private static final String REPORT = "[String(window.depthfmViewer.frames), String(window.depthfmViewer.vertices),"
            + " String(window.depthfmViewer.triangles), window.depthfmViewer.background, window.depthfmViewer.comment]";

    @Test
    void theSampleMeshIsDrawnFromTheServerAndFromDisk() throws Exception {
        var executable = Chromium.executable();
        if (executable.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail("chromium is not installed; .ci/run installs it with apt-get");
            }
            Assumptions.abort("chromium is not installed (apt-get install chromium); the viewer test is skipped");
        }
        Path site = Path.of(System.getProperty("depthfm.site"));
        byte[] ply = Files.readAllBytes(site.resolve("viewer/" + MeshSample.PLY));
        String data = Files.readString(site.resolve("viewer/sample-mesh.js"), StandardCharsets.US_ASCII);
        Matcher quoted = Pattern.compile("= '([A-Za-z0-9+/=]+)';").matcher(data);
        assertTrue(quoted.find(), "the data script holds the PLY as base64");
        assertArrayEquals(ply, Base64.getDecoder().decode(quoted.group(1)), "the page draws the very file the command wrote");
        String header = new String(ply, 0, 2048, StandardCharsets.US_ASCII);
        int vertices = count(header, "vertex");
        int faces = count(header, "face");
        assertTrue(faces > 10_000, faces + " triangles");

        Path shots = Files.createDirectories(site.getParent().resolve("site-screenshots"));
        try (Chromium browser = new Chromium(executable.get(), site.getParent().resolve("chromium-viewer.log"));
                StaticServer server = new StaticServer(site)) {
            for (String url : List.of(server.base() + "export3d.html", site.resolve("export3d.html").toUri().toString())) {
                assertEquals(List.of(), browser.open(url), "problems loading " + url);
                List<String> report = awaitFrame(browser);
                assertEquals(String.valueOf(vertices), report.get(1), "vertices drawn from " + url);
                assertEquals(String.valueOf(faces), report.get(2), "triangles drawn from " + url);
                assertTrue(report.get(4).startsWith("depthfm 3D: unit m; metric depth"), report.get(4));
                List<String> rect = browser.strings(CANVAS);
                assertEquals(4, rect.size(), "the page has the viewer's canvas");
                Thread.sleep(300); // let the scroll reach the screen
                byte[] png = browser.screenshot();
                Files.write(shots.resolve("export3d-viewer.png"), png);
                assertDrawn(ImageIO.read(new ByteArrayInputStream(png)), rect, report.get(3));
            }
        }
    }

    private static int count(String header, String element) {
        Matcher m = Pattern.compile("element " + element + " (\\d+)\n").matcher(header);
        assertTrue(m.find(), "the PLY header has " + element + "s");
        return Integer.parseInt(m.group(1));
    }

    private static List<String> awaitFrame(Chromium browser) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> report = browser.strings(REPORT);
            if (Integer.parseInt(report.get(0)) > 0) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the viewer drew no frame within 30 s");
    }

    /** Most of the canvas differs from the background, in many colours: the coloured mesh is there. */
    private static void assertDrawn(BufferedImage shot, List<String> rect, String background) {
        int x0 = Integer.parseInt(rect.get(0));
        int y0 = Integer.parseInt(rect.get(1));
        int w = Integer.parseInt(rect.get(2));
        int h = Integer.parseInt(rect.get(3));
        assertTrue(w > 200 && h > 100 && x0 >= 0 && y0 >= 0 && x0 + w <= shot.getWidth() && y0 + h <= shot.getHeight(),
                "the canvas " + rect + " is on the screen");
        int bg = Integer.parseInt(background.substring(1), 16);
        long drawn = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int c = shot.getRGB(x, y) & 0xFFFFFF;
                int d = Math.max(Math.abs((c >> 16) - (bg >> 16)), Math.max(Math.abs((c >> 8 & 0xFF) - (bg >> 8 & 0xFF)),
                        Math.abs((c & 0xFF) - (bg & 0xFF))));
                if (d > 24) {
                    drawn++;
                    colours.add(c >> 4 & 0x0F0F0F);
                }
            }
        }
        assertTrue(drawn > 0.15 * w * h, drawn + " of " + (w * h) + " canvas pixels are drawn");
        assertTrue(colours.size() > 50, colours.size() + " colours: the mesh is coloured and shaded");
    }
}
