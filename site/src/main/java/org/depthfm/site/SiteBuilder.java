package org.depthfm.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.depthfm.store.Bytes;
import org.depthfm.store.ModelFile;
import org.depthfm.store.ModelRegistry;
import org.depthfm.store.ModelSpec;
import org.depthfm.cli.DepthFmCli;
import picocli.CommandLine;

/**
 * Builds the documentation site from {@code site/}: each page of {@code site/nav.txt} is Markdown
 * ({@code site/pages/*.md}) wrapped in {@code site/template.html}, with {@code <!-- depthfm:NAME
 * ARGS -->} directives replaced by what is generated from the code at build time:
 *
 * <ul>
 * <li>{@code commands}: every menu command and macro option ({@link MacroReference});</li>
 * <li>{@code cli}: every command-line command and option ({@link CliReference});</li>
 * <li>{@code errors}, with {@code package = Heading} lines: every error message ({@link ErrorCatalog});</li>
 * <li>{@code javadoc CLASS}: a class's Javadoc ({@link JavadocHtml});</li>
 * <li>{@code bench}: the numbers and charts of {@code bench/results/} ({@link BenchResults});</li>
 * <li>{@code models}: the built-in model registry;</li>
 * <li>{@code launcher-env}: the environment variables the {@code depthfm} script documents;</li>
 * <li>{@code include PATH | FALLBACK}: a Markdown file of the repository, or the fallback text;</li>
 * <li>{@code screenshot FILE | CAPTION}: {@code site/images/screenshots/FILE}, or a marked empty slot;</li>
 * <li>{@code mesh-sample}: a mesh the export command writes at build time, in the three.js viewer ({@link MeshSample}).</li>
 * </ul>
 *
 * <p>{@code {{version}}} in a page becomes the project version. Runs in {@code mvn package}.
 */
public final class SiteBuilder {
    private static final Pattern DIRECTIVE = Pattern.compile("<!-- depthfm:([\\w-]+)([\\s\\S]*?)-->");
    private static final Pattern LAUNCHER_VAR = Pattern.compile("^#\\s{3}([A-Z_]+)\\s{2,}(.*)$");
    private static final Pattern LAUNCHER_MORE = Pattern.compile("^#\\s{10,}(.*)$");

    private final Path repo;
    private final Path site;
    private final Path out;
    private final String version;
    private final JavaSources sources;
    private final Markdown markdown = new Markdown();

    private SiteBuilder(Path repo, String version, Path out) {
        this.repo = repo;
        this.site = repo.resolve("site");
        this.out = out;
        this.version = version;
        this.sources = new JavaSources(repo);
    }

    /**
     * @param args the repository root, the project version, and the output folder
     * @throws Exception if a page cannot be generated
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SiteBuilder REPO VERSION OUT_DIR");
        }
        Path out = Path.of(args[2]).toAbsolutePath().normalize();
        List<String> pages = new SiteBuilder(Path.of(args[0]).toAbsolutePath().normalize(), args[1], out).build();
        System.out.println("site: " + pages.size() + " pages in " + out);
    }

    /**
     * @param site the {@code site/} folder
     * @return page file name (e.g. {@code index.md}) to navigation title, in order
     */
    static Map<String, String> nav(Path site) {
        Map<String, String> nav = new LinkedHashMap<>();
        for (String line : JavaSources.read(site.resolve("nav.txt")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\|", 2);
                nav.put(parts[0].strip(), parts[1].strip());
            }
        }
        return nav;
    }

    private List<String> build() throws Exception {
        Folders.deleteTree(out);
        Files.createDirectories(out);
        Files.copy(site.resolve("style.css"), out.resolve("style.css"));
        Folders.copyTree(site.resolve("images"), out.resolve("images"));
        Folders.copyTree(site.resolve("viewer"), out.resolve("viewer"));
        Map<String, String> nav = nav(site);
        List<String> unlisted = listPages().stream().filter(p -> !nav.containsKey(p)).toList();
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("site/pages has pages that site/nav.txt does not list: " + unlisted);
        }
        String template = JavaSources.read(site.resolve("template.html"));
        List<String> written = new ArrayList<>();
        for (String page : nav.keySet()) {
            Set<String> ids = new HashSet<>(Set.of("top", "content"));
            String md = JavaSources.read(site.resolve("pages").resolve(page)).replace("{{version}}", version);
            String body = expand(markdown.render(md, ids, 0, ""), ids);
            String h1 = md.lines().filter(l -> l.startsWith("# ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(page + " has no '# ' title")).substring(2).strip();
            String html = template.replace("{{title}}", Html.esc(page.equals("index.md") ? "DepthFM for Fiji" : h1 + " · DepthFM for Fiji"))
                    .replace("{{nav}}", navHtml(nav, page)).replace("{{version}}", Html.esc(version)).replace("{{content}}", body);
            String name = page.replaceFirst("\\.md$", ".html");
            Files.writeString(out.resolve(name), html);
            written.add(name);
        }
        return written;
    }

    private List<String> listPages() throws IOException {
        try (Stream<Path> s = Files.list(site.resolve("pages"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
        }
    }

    private static String navHtml(Map<String, String> nav, String current) {
        return nav.entrySet().stream().map(e -> "<li><a href=\"" + e.getKey().replaceFirst("\\.md$", ".html") + "\""
                + (e.getKey().equals(current) ? " aria-current=\"page\"" : "") + ">" + Html.esc(e.getValue()) + "</a></li>")
                .collect(Collectors.joining("\n", "<ul>\n", "\n</ul>"));
    }

    private String expand(String html, Set<String> ids) throws Exception {
        Matcher m = DIRECTIVE.matcher(html);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(directive(m.group(1), m.group(2).strip(), ids)));
        }
        return m.appendTail(b).toString();
    }

    private String directive(String name, String args, Set<String> ids) throws Exception {
        return switch (name) {
            case "commands" -> commands();
            case "cli" -> CliReference.html(new CommandLine(new DepthFmCli()));
            case "errors" -> ErrorCatalog.html(ErrorCatalog.collect(sources, repo.resolve("depthfm")), headings(args));
            case "javadoc" -> JavadocHtml.ofType(sources.source(args), args.substring(args.lastIndexOf('.') + 1));
            case "bench" -> BenchResults.html(repo.resolve("bench/results"), out, markdown, ids);
            case "models" -> models();
            case "launcher-env" -> launcherEnvironment();
            case "include" -> include(args, ids);
            case "screenshot" -> screenshot(args);
            case "mesh-sample" -> MeshSample.html(out);
            default -> throw new IllegalArgumentException("unknown site directive '" + name + "'");
        };
    }

    private String commands() throws ReflectiveOperationException {
        List<MacroReference.CommandDoc> docs = new ArrayList<>();
        for (Class<?> c : MacroReference.commandClasses(getClass().getClassLoader())) {
            docs.add(MacroReference.describe(c, sources, repo.resolve("plugin/ij1/src/main/resources/plugins.config")));
        }
        if (docs.isEmpty()) {
            throw new IllegalStateException("the plugin index lists no command of " + MacroReference.PACKAGE);
        }
        return MacroReference.html(docs);
    }

    /** {@code key = Heading} lines. */
    private static Map<String, String> headings(String args) {
        Map<String, String> headings = new LinkedHashMap<>();
        for (String line : args.split("\n")) {
            if (!line.isBlank()) {
                String[] kv = line.split("=", 2);
                headings.put(kv[0].strip(), kv[1].strip());
            }
        }
        return headings;
    }

    private static String models() {
        ModelRegistry registry = ModelRegistry.builtin();
        StringBuilder b = new StringBuilder("<table class=\"models\">\n<thead><tr><th>Model</th><th>File</th><th>Size</th>"
                + "<th>Licence</th><th>Downloaded from</th></tr></thead>\n<tbody>\n");
        for (ModelSpec m : registry.models()) {
            for (ModelFile f : m.files()) {
                b.append("<tr><td>").append(Html.code(m.id()));
                if (m.id().equals(registry.defaultId())) {
                    b.append(" (default)");
                }
                b.append("</td><td>").append(Html.code(f.path())).append("</td><td>")
                        .append(f.size().isPresent() ? Html.esc(Bytes.format(f.size().getAsLong())) : "checked on download")
                        .append("</td><td>").append(Html.esc(f.licence())).append("</td><td><a href=\"")
                        .append(Html.esc(f.url().toString())).append("\">").append(Html.esc(f.url().getHost())).append("</a></td></tr>\n");
            }
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    private String launcherEnvironment() {
        Map<String, StringBuilder> vars = new LinkedHashMap<>();
        StringBuilder last = null;
        for (String line : JavaSources.read(repo.resolve("depthfm")).split("\n")) {
            Matcher v = LAUNCHER_VAR.matcher(line);
            Matcher more = LAUNCHER_MORE.matcher(line);
            if (v.matches()) {
                last = new StringBuilder(v.group(2).strip());
                vars.put(v.group(1), last);
            } else if (more.matches() && last != null) {
                last.append(' ').append(more.group(1).strip());
            } else if (!line.startsWith("#")) {
                break;
            }
        }
        if (vars.isEmpty()) {
            throw new IllegalStateException("the depthfm script's header documents no environment variables");
        }
        StringBuilder b = new StringBuilder("<table class=\"env\">\n<thead><tr><th>Variable</th><th>Meaning</th></tr></thead>\n<tbody>\n");
        vars.forEach((k, v) -> b.append("<tr><td>").append(Html.code(k)).append("</td><td>").append(Html.esc(v.toString()))
                .append("</td></tr>\n"));
        return b.append("</tbody>\n</table>\n").toString();
    }

    /** {@code PATH | FALLBACK}: the file's Markdown (its neighbours copied for its links), or the fallback. */
    private String include(String args, Set<String> ids) throws IOException {
        String[] parts = args.split("\\|", 2);
        String rel = parts[0].strip();
        Path file = repo.resolve(rel);
        if (!Files.isRegularFile(file)) {
            return "<div class=\"note\"><p>" + Html.esc(parts.length > 1 ? parts[1].strip() : rel + " is not written yet.")
                    + "</p></div>\n";
        }
        String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
        try (Stream<Path> neighbours = Files.list(file.getParent())) {
            for (Path n : neighbours.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).toList()) {
                Path target = out.resolve("files/" + dir + n.getFileName());
                Files.createDirectories(target.getParent());
                Files.copy(n, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return markdown.render(JavaSources.read(file), ids, 1, "files/" + dir);
    }

    /** {@code FILE | CAPTION}: the screenshot, or a marked slot that {@code site/screenshots.sh} lists. */
    private String screenshot(String args) {
        String[] parts = args.split("\\|", 2);
        String file = parts[0].strip();
        String caption = Html.esc(parts.length > 1 ? parts[1].strip() : file);
        if (Files.isRegularFile(site.resolve("images/screenshots").resolve(file))) {
            return "<figure class=\"screenshot\"><img src=\"images/screenshots/" + Html.esc(file) + "\" alt=\"" + caption
                    + "\"/><figcaption>" + caption + "</figcaption></figure>\n";
        }
        return "<figure class=\"screenshot slot\"><div class=\"slot-box\">Screenshot to come: <code>" + Html.esc(file)
                + "</code></div><figcaption>" + caption + "</figcaption></figure>\n";
    }
}
