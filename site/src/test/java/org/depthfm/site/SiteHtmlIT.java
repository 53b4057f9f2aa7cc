package org.depthfm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The built pages are sound HTML5 that works offline: each parses as well-formed markup (the
 * generator writes the XML-compatible HTML5 syntax, so an XML parser finds every unclosed or
 * misnested element), has a language, a character set, a title and one {@code h1}, unique ids,
 * alternative text on every image, no obsolete presentational markup, and loads nothing from
 * another site (stylesheets, scripts, images are all local; plain links may point anywhere).
 */
class SiteHtmlIT {
    private static final Path SITE = Path.of(System.getProperty("depthfm.site"));
    private static final Set<String> OBSOLETE = Set.of("font", "center", "big", "tt", "frame", "frameset", "marquee");

    @Test
    void everyPageIsWellFormedAccessibleAndSelfContained() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> pages = files(".html");
        assertTrue(pages.size() >= SiteBuilder.nav(Path.of(System.getProperty("depthfm.repo"), "site")).size(), "all pages built");
        for (Path page : pages) {
            String name = page.getFileName().toString();
            String text = Files.readString(page);
            if (!text.startsWith("<!DOCTYPE html>\n")) {
                problems.add(name + ": does not start with the HTML5 doctype");
            }
            Document doc;
            try {
                doc = parser().parse(page.toFile());
            } catch (SAXException e) {
                problems.add(name + ": not well-formed: " + e.getMessage());
                continue;
            }
            Element html = doc.getDocumentElement();
            check(problems, name, html.getTagName().equals("html") && !html.getAttribute("lang").isEmpty(), "<html lang> is set");
            NodeList metas = doc.getElementsByTagName("meta");
            boolean charset = false;
            for (int i = 0; i < metas.getLength(); i++) {
                charset |= "utf-8".equalsIgnoreCase(((Element) metas.item(i)).getAttribute("charset"));
            }
            check(problems, name, charset, "declares its character set");
            check(problems, name, doc.getElementsByTagName("title").getLength() == 1
                    && !doc.getElementsByTagName("title").item(0).getTextContent().isBlank(), "has one title");
            check(problems, name, doc.getElementsByTagName("h1").getLength() == 1, "has one h1");
            Set<String> ids = new HashSet<>();
            NodeList all = doc.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                String tag = e.getTagName();
                if (!e.getAttribute("id").isEmpty() && !ids.add(e.getAttribute("id"))) {
                    problems.add(name + ": id '" + e.getAttribute("id") + "' is used twice");
                }
                if (tag.equals("img") && !e.hasAttribute("alt")) {
                    problems.add(name + ": an image without alt text: " + e.getAttribute("src"));
                }
                if (OBSOLETE.contains(tag) || e.hasAttribute("align") || e.hasAttribute("bgcolor")) {
                    problems.add(name + ": obsolete markup <" + tag + ">");
                }
                String resource = tag.equals("a") ? "" : e.getAttribute("src") + e.getAttribute("href");
                if (resource.matches("(?i)(https?:)?//.*")) {
                    problems.add(name + ": loads " + resource + " from another site; the site must work offline");
                }
                if (tag.equals("a") && e.getAttribute("href").startsWith("/")) {
                    problems.add(name + ": absolute link " + e.getAttribute("href") + " breaks when the site is opened from disk");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyGeneratedPictureIsWellFormedSvg() throws Exception {
        List<Path> svgs = files(".svg");
        assertTrue(svgs.stream().anyMatch(p -> p.endsWith("pipeline.svg")), "the pipeline diagram is in the site");
        for (Path svg : svgs) {
            Element root = parser().parse(svg.toFile()).getDocumentElement();
            assertEquals("svg", root.getTagName(), svg + " is an SVG");
            assertTrue(root.getElementsByTagName("title").getLength() > 0, svg + " has a title for screen readers");
        }
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b;
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(SITE)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void check(List<String> problems, String page, boolean ok, String what) {
        if (!ok) {
            problems.add(page + ": not true that it " + what);
        }
    }
}
