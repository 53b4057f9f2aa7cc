package org.depthfm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens every page of the built site in headless Chromium, served over HTTP as a web host would,
 * and fails on anything a reader would run into: a link to a missing page or section, an image that
 * does not load, a console error, or a request that leaves the site (the site must work offline).
 * Saves a screenshot of every page into {@code target/site-screenshots/} (the home page's is the
 * one committed as {@code site/images/home.png}). Chromium is installed by {@code .ci/run}; without
 * it this test is skipped, except under CI, where it fails.
 */
class SiteBrowserIT {
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final String LINKS = "[...document.querySelectorAll('a[href]')].map(a => a.href)";
    private static final String BROKEN_IMAGES =
            "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))";

    private static Chromium browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        var executable = Chromium.executable();
        if (executable.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail("chromium is not installed; .ci/run installs it with apt-get");
            }
            Assumptions.abort("chromium is not installed (apt-get install chromium); the site's browser test is skipped");
        }
        Path target = Path.of(System.getProperty("depthfm.site")).getParent();
        browser = new Chromium(executable.get(), target.resolve("chromium.log"));
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyPageOpensWithoutBrokenLinksMissingImagesOrErrors() throws Exception {
        Path site = Path.of(System.getProperty("depthfm.site"));
        Path shots = site.getParent().resolve("site-screenshots");
        Files.createDirectories(shots);
        List<String> pages;
        try (Stream<Path> s = Files.list(site)) {
            pages = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).sorted().toList();
        }
        assertTrue(pages.size() >= SiteBuilder.nav(Path.of(System.getProperty("depthfm.repo"), "site")).size(),
                "every page of site/nav.txt is built: " + pages);
        List<String> problems = new ArrayList<>();
        int links = 0;
        try (StaticServer server = new StaticServer(site)) {
            for (String page : pages) {
                List<String> found = check(server.base(), page, site);
                links += browser.strings(LINKS).size();
                found.forEach(p -> problems.add(page + ": " + p));
                Files.write(shots.resolve(page.replace(".html", ".png")), browser.screenshot());
            }
        }
        assertEquals(List.of(), problems, "problems a reader would meet");
        assertTrue(links > 100, "the pages link to each other (" + links + " links checked)");
        byte[] home = Files.readAllBytes(shots.resolve("index.png"));
        assertEquals(1280, ByteBuffer.wrap(home, 16, 4).getInt(), "screenshot width");
        assertEquals(900, ByteBuffer.wrap(home, 20, 4).getInt(), "screenshot height");
    }

    @Test
    void theCheckCatchesWhatItLooksFor(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ok.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>ok</title></head>"
                + "<body><h1 id=\"here\">ok</h1></body></html>");
        Files.writeString(dir.resolve("bad.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>bad</title></head><body>"
                + "<a href=\"ok.html#here\">fine</a> <a href=\"ok.html#gone\">lost section</a> <a href=\"missing.html\">lost page</a>"
                + " <a href=\"#nowhere\">lost anchor</a> <img src=\"missing.png\" alt=\"lost image\"/>"
                + " <img src=\"http://example.invalid/logo.png\" alt=\"outside\"/>"
                + "<script>console.error('boom')</script></body></html>");
        try (StaticServer server = new StaticServer(dir)) {
            String report = String.join("\n", check(server.base(), "bad.html", dir));
            for (String expected : List.of("ok.html#gone", "missing.html", "#nowhere", "missing.png", "example.invalid",
                    "console.error", "HTTP 404")) {
                assertTrue(report.contains(expected), "reports " + expected + " in:\n" + report);
            }
            assertTrue(!report.contains("#here"), "a working section link is fine:\n" + report);
        }
    }

    /** Opens one page and lists its problems: loading, images, and links to missing pages or sections. */
    private static List<String> check(String base, String page, Path root) throws Exception {
        List<String> problems = new ArrayList<>(browser.open(base + page));
        browser.strings(BROKEN_IMAGES).forEach(src -> problems.add("image does not show: " + src));
        Map<String, Set<String>> idsByFile = new HashMap<>();
        for (String link : browser.strings(LINKS)) {
            if (!link.startsWith(base)) {
                continue; // other sites are linked for the reader to follow, never fetched by the pages
            }
            URI u = URI.create(link);
            String file = URLDecoder.decode(u.getRawPath(), StandardCharsets.UTF_8).substring(1);
            Path target = root.resolve(file.isEmpty() ? "index.html" : file);
            if (!Files.isRegularFile(target)) {
                problems.add("link to a missing file: " + link);
            } else if (u.getRawFragment() != null && target.toString().endsWith(".html")
                    && !idsByFile.computeIfAbsent(file, f -> ids(target)).contains(u.getFragment())) {
                problems.add("link to a missing section: " + link);
            }
        }
        return problems;
    }

    private static Set<String> ids(Path html) {
        Set<String> ids = new HashSet<>();
        try {
            Matcher m = ID.matcher(Files.readString(html));
            while (m.find()) {
                ids.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
