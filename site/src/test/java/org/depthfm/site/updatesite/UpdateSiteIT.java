package org.depthfm.site.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.scijava.util.FileUtils;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads back the update site that {@code mvn package} built, as the ImageJ updater would: every
 * record of {@code db.xml.gz} names a file stored as {@code <path>-<timestamp>}, with the size and
 * checksum recorded; the records cover exactly the files of the Fiji zip, carry the build's
 * timestamp, and the plugin's record depends on every jar it needs.
 */
class UpdateSiteIT {
    private static final Path SITE = Path.of(System.getProperty("depthfm.updateSite"));
    private static final Path FIJI = Path.of(System.getProperty("depthfm.fiji"));
    private static final Path PLUGIN_JAR = Path.of(System.getProperty("depthfm.pluginJar"));

    @Test
    void everyListedFileIsThereWithItsSizeAndChecksum() throws Exception {
        String timestamp = UpdateSiteBuilder.timestamp(System.getProperty("depthfm.outputTimestamp"));
        assertTrue(timestamp.matches("\\d{14}"), "timestamps are yyyyMMddHHmmss: " + timestamp);
        Element root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SITE.resolve(UpdateSiteBuilder.INDEX)))) {
            root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
        }
        assertEquals("pluginRecords", root.getTagName());
        Map<String, Path> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(FIJI)) {
            files.filter(Files::isRegularFile).forEach(f -> expected.put(FIJI.relativize(f).toString().replace('\\', '/'), f));
        }
        expected.put("plugins/" + PLUGIN_JAR.getFileName(), PLUGIN_JAR);

        Map<String, Element> records = new TreeMap<>();
        NodeList plugins = root.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            records.put(p.getAttribute("filename"), p);
        }
        assertEquals(expected.keySet(), records.keySet(), "the update site lists exactly the files of the Fiji zip");

        Set<String> stored = new TreeSet<>();
        Map<String, String> timestamps = new HashMap<>();
        for (Map.Entry<String, Element> r : records.entrySet()) {
            Element version = (Element) r.getValue().getElementsByTagName("version").item(0);
            assertEquals(timestamp, version.getAttribute("timestamp"), r.getKey() + " carries the build's timestamp");
            Path file = SITE.resolve(r.getKey() + "-" + version.getAttribute("timestamp"));
            assertTrue(Files.isRegularFile(file), file + " is stored where the updater fetches it");
            assertEquals(Long.parseLong(version.getAttribute("filesize")), Files.size(file), r.getKey() + " size");
            assertEquals(UpdaterChecksum.ofJar(expected.get(r.getKey())), version.getAttribute("checksum"),
                    r.getKey() + " checksum of the built jar");
            assertEquals(version.getAttribute("checksum"), UpdaterChecksum.ofJar(file), r.getKey() + " checksum of the stored copy");
            stored.add(SITE.relativize(file).toString().replace('\\', '/'));
            timestamps.put(FileUtils.stripFilenameVersion(r.getKey()), version.getAttribute("timestamp"));
        }
        try (Stream<Path> files = Files.walk(SITE)) {
            Set<String> onDisk = files.filter(Files::isRegularFile).map(f -> SITE.relativize(f).toString().replace('\\', '/'))
                    .filter(n -> !n.equals(UpdateSiteBuilder.INDEX)).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(stored, onDisk, "nothing else is uploaded");
        }

        Element plugin = records.get("plugins/" + PLUGIN_JAR.getFileName());
        Map<String, String> dependencies = new TreeMap<>();
        NodeList deps = plugin.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            dependencies.put(d.getAttribute("filename"), d.getAttribute("timestamp"));
        }
        Map<String, String> jars = new TreeMap<>(timestamps);
        jars.keySet().removeIf(k -> !k.startsWith("jars/"));
        assertEquals(jars, dependencies, "the plugin depends on every jar of the site, by unversioned name and timestamp");
        assertTrue(!plugin.getElementsByTagName("description").item(0).getTextContent().isBlank(), "the plugin is described");
    }

    @Test
    void theFijiFolderHoldsNoToolsCommandLineOrSiteClasses() throws Exception {
        // bench, selftest and the model generator are command-line tools; the site generators are build tools
        List<String> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(FIJI)) {
            List<Path> jars = new ArrayList<>(files.filter(f -> f.toString().endsWith(".jar")).toList());
            jars.add(PLUGIN_JAR);
            for (Path jar : jars) {
                try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
                    z.stream().map(java.util.zip.ZipEntry::getName)
                            .filter(n -> n.startsWith("org/depthfm/") || n.equals("plugins.config")).forEach(classes::add);
                }
            }
        }
        assertTrue(classes.stream().anyMatch(n -> n.startsWith("org/depthfm/fiji/")), "the Fiji commands are there");
        for (String room : new String[] {"org/depthfm/tools/", "org/depthfm/cli/", "org/depthfm/site/", "org/depthfm/ij1/",
            "org/depthfm/spark/"}) {
            assertTrue(classes.stream().noneMatch(n -> n.startsWith(room)), room + " is in the Fiji folder");
        }
        // SciJava's commands alone make the menus; a plugins.config would add ImageJ 1 twins of them
        assertTrue(!classes.contains("plugins.config"), "a jar of the Fiji folder holds a plugins.config");
    }
}
