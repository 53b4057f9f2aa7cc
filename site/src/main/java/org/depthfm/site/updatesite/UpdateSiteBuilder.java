package org.depthfm.site.updatesite;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.depthfm.site.Folders;
import org.scijava.util.FileUtils;

/**
 * Builds the Fiji update site of DepthFM: the folder an ImageJ updater reads, ready to be copied to
 * any static web server (or used locally through a {@code file:} URL). It holds the same files as
 * the Fiji zip, each stored as {@code <path>-<timestamp>}, and {@code db.xml.gz}, whose
 * {@code <plugin filename="jars/x.jar">} records give each file's checksum
 * ({@link UpdaterChecksum}), timestamp ({@code yyyyMMddHHmmss}, UTC) and size. The plugin jar's
 * record lists the jars it needs as dependencies, so the updater installs them with it.
 *
 * <p>Every file gets the build's reproducible timestamp ({@code project.build.outputTimestamp}),
 * so a rebuild of the same sources gives the same site; a release must advance it, since the
 * updater stores a file under its timestamp.
 */
public final class UpdateSiteBuilder {
    /** The update site's index, as the updater names it. */
    public static final String INDEX = "db.xml.gz";
    /** How the updater writes timestamps. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private UpdateSiteBuilder() {
    }

    /** One file of the site: where Fiji installs it and where it comes from. */
    record Entry(String path, Path source, String checksum, long size) {
    }

    /**
     * @param args the Fiji layout folder ({@code jars/}, {@code plugins/}), the plugin jar, the
     *     build's output timestamp (ISO-8601 or seconds since 1970), the output folder, and the
     *     plugin's description
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: UpdateSiteBuilder FIJI_DIR PLUGIN_JAR OUTPUT_TIMESTAMP OUT_DIR DESCRIPTION");
        }
        Path out = Path.of(args[3]);
        List<Entry> entries = build(Path.of(args[0]), Path.of(args[1]), timestamp(args[2]), out,
                args[4].strip().replaceAll("\\s+", " "));
        System.out.println("update site: " + entries.size() + " files and " + INDEX + " in " + out);
    }

    /**
     * @param value {@code project.build.outputTimestamp}: an ISO-8601 date-time or seconds since 1970
     * @return the updater's timestamp for it
     */
    static String timestamp(String value) {
        Instant t = value.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(value))
                : OffsetDateTime.parse(value).toInstant();
        return TIMESTAMP.format(t);
    }

    /**
     * Writes the site into {@code out}, which is emptied first so that it holds exactly what to upload.
     *
     * @param fijiDir the Fiji layout folder
     * @param pluginJar the plugin jar, installed into {@code plugins/}
     * @param timestamp the timestamp of every file
     * @param out the output folder
     * @param description the plugin's description
     * @return the files listed in the index
     * @throws IOException if a file cannot be read or written
     */
    static List<Entry> build(Path fijiDir, Path pluginJar, String timestamp, Path out, String description)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(fijiDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.add(entry(fijiDir.relativize(f).toString().replace('\\', '/'), f));
            }
        }
        Entry plugin = entry("plugins/" + pluginJar.getFileName(), pluginJar);
        entries.add(plugin);
        Folders.deleteTree(out);
        for (Entry e : entries) {
            Path target = out.resolve(e.path() + "-" + timestamp);
            Files.createDirectories(target.getParent());
            Files.copy(e.source(), target);
        }
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out.resolve(INDEX)));
                Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            writeIndex(w, entries, plugin, timestamp, description);
        }
        return entries;
    }

    private static Entry entry(String path, Path source) throws IOException {
        if (!path.endsWith(".jar")) {
            // the updater checksums other files differently (path and content); none ships yet
            throw new IllegalArgumentException("only jars are supported on the update site, not " + path);
        }
        return new Entry(path, source, UpdaterChecksum.ofJar(source), Files.size(source));
    }

    private static void writeIndex(Writer w, List<Entry> entries, Entry plugin, String timestamp, String description)
            throws IOException {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pluginRecords>\n");
        for (Entry e : entries) {
            w.write("  <plugin filename=\"" + xml(e.path()) + "\">\n");
            w.write("    <version checksum=\"" + e.checksum() + "\" timestamp=\"" + timestamp + "\" filesize=\""
                    + e.size() + "\">\n");
            if (e == plugin) {
                w.write("      <description>" + xml(description) + "</description>\n");
                for (Entry dependency : entries) {
                    if (dependency != plugin) {
                        // as the updater records them: without the version, so an upgrade keeps the link
                        w.write("      <dependency filename=\"" + xml(FileUtils.stripFilenameVersion(dependency.path()))
                                + "\" timestamp=\"" + timestamp + "\"/>\n");
                    }
                }
            }
            w.write("    </version>\n  </plugin>\n");
        }
        w.write("</pluginRecords>\n");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
