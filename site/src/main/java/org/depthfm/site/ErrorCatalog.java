package org.depthfm.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error message the tool can print, read from the code: the message arguments of each
 * {@code new ...Exception(...)} and {@code throw helper(...)} in the main sources, and the
 * {@code echo "depthfm: ..."} lines of the launcher script. The parts that vary at run time show
 * as {@code <var>name</var>}. The messages are written to state the fix ("...: use ..."), so the
 * troubleshooting page lists them grouped by topic.
 */
final class ErrorCatalog {
    /** The topic key of the launcher script's messages. */
    static final String LAUNCHER = "launcher";

    private static final Pattern NEW = Pattern.compile("\\bnew\\s+\\w+(?:Exception|Error)\\s*\\(");
    private static final Pattern THROW_CALL = Pattern.compile("\\bthrow\\s+[a-z]\\w*\\s*\\(");
    private static final Pattern CONSTANT = Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*;");
    private static final Pattern CONSTANT_REF = Pattern.compile("(?:(\\w+)\\.)?([A-Z][A-Z0-9_]*)");
    private static final Pattern FORMAT_SPEC = Pattern.compile("%[-#+ 0,(<]*\\d*(?:\\.\\d+)?[a-zA-Z%]");
    private static final Pattern ECHO = Pattern.compile("echo\\s+\"depthfm: ((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SHELL_VAR = Pattern.compile("\\$\\{?(\\w+)[^}\\s]*}?");

    /**
     * One message.
     *
     * @param topic the package below {@code org.depthfm}, or {@link #LAUNCHER}
     * @param where the class (or script) that raises it
     * @param html the message, with {@code <var>} for what varies
     * @param text the message as plain text, {@code <name>} for what varies
     */
    record Message(String topic, String where, String html, String text) {
    }

    private ErrorCatalog() {
    }

    /**
     * @param sources the project's sources
     * @param launcher the launcher script, or null
     * @return the distinct messages, in source order
     */
    static List<Message> collect(JavaSources sources, Path launcher) {
        Map<String, Message> byText = new LinkedHashMap<>();
        Map<String, String> constants = constants(sources);
        for (Path file : sources.files()) {
            String rel = sources.relativePath(file);
            if (!rel.startsWith("org/depthfm/")) {
                continue;
            }
            String topic = rel.substring("org/depthfm/".length(), rel.lastIndexOf('/')).replace('/', '.');
            String where = rel.substring(rel.lastIndexOf('/') + 1, rel.length() - ".java".length());
            for (Message m : messages(JavaSources.read(file), topic, where, constants)) {
                byText.putIfAbsent(m.topic() + "\n" + m.text(), m);
            }
        }
        if (launcher != null) {
            Matcher m = ECHO.matcher(JavaSources.read(launcher));
            while (m.find()) {
                String text = m.group(1);
                Message msg = new Message(LAUNCHER, launcher.getFileName().toString(),
                        SHELL_VAR.matcher(Html.esc(text)).replaceAll("<var>$1</var>"), SHELL_VAR.matcher(text).replaceAll("<$1>"));
                byText.putIfAbsent(msg.topic() + "\n" + msg.text(), msg);
            }
        }
        return new ArrayList<>(byText.values());
    }

    /**
     * @param source one Java file
     * @param topic its topic
     * @param where its class
     * @param constants string constants by {@code Class.NAME}
     * @return the messages it raises, in order
     */
    static List<Message> messages(String source, String topic, String where, Map<String, String> constants) {
        String code = JavaSources.withoutComments(source);
        List<Message> found = new ArrayList<>();
        for (Pattern p : List.of(NEW, THROW_CALL)) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                int open = m.end() - 1;
                String args = code.substring(open + 1, JavaSources.closing(code, open));
                StringBuilder html = new StringBuilder();
                StringBuilder text = new StringBuilder();
                for (String arg : JavaSources.splitTopLevel(args, ',')) {
                    if (arg.contains("\"")) {
                        concatenation(arg, where, constants, html.append(html.length() > 0 ? " " : ""),
                                text.append(text.length() > 0 ? " " : ""));
                    }
                }
                if (!text.toString().replaceAll("<[^>]*>", "").isBlank()) {
                    found.add(new Message(topic, where, html.toString(), text.toString()));
                }
            }
        }
        return found;
    }

    /** Appends a {@code "a" + b + ...} or {@code String.format(...)} expression. */
    private static void concatenation(String expr, String where, Map<String, String> constants, StringBuilder html,
            StringBuilder text) {
        if (expr.startsWith("String.format(")) {
            List<String> args = JavaSources.splitTopLevel(expr.substring("String.format(".length(), expr.length() - 1), ',');
            String f = JavaSources.unquote(args.stream().filter(JavaSources::isStringLiteral).findFirst().orElse("\"\""));
            Matcher spec = FORMAT_SPEC.matcher(f);
            int from = 0;
            while (spec.find()) {
                literal(f.substring(from, spec.start()), html, text);
                switch (spec.group()) {
                    case "%%" -> literal("%", html, text);
                    case "%n" -> { }
                    default -> variable("…", html, text);
                }
                from = spec.end();
            }
            literal(f.substring(from), html, text);
            return;
        }
        for (String operand : JavaSources.splitTopLevel(expr, '+')) {
            String value = JavaSources.isStringLiteral(operand) ? JavaSources.unquote(operand) : constant(operand, where, constants);
            if (value != null) {
                literal(value, html, text);
            } else {
                variable(variableName(operand), html, text);
            }
        }
    }

    private static void literal(String s, StringBuilder html, StringBuilder text) {
        html.append(Html.esc(s));
        text.append(s);
    }

    private static void variable(String name, StringBuilder html, StringBuilder text) {
        html.append("<var>").append(Html.esc(name)).append("</var>");
        text.append('<').append(name).append('>');
    }

    /** {@code spec.id()} reads as "id", {@code e.getMessage()} as "message"; anything more complex as "…". */
    static String variableName(String operand) {
        Matcher m = Pattern.compile("^[\\w.]*?(\\w+)\\s*(?:\\(\\s*\\))?$").matcher(operand.strip());
        if (!m.matches()) {
            return "…";
        }
        String name = m.group(1);
        if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
            name = Character.toLowerCase(name.charAt(3)) + name.substring(4);
        }
        return name;
    }

    private static String constant(String operand, String where, Map<String, String> constants) {
        Matcher m = CONSTANT_REF.matcher(operand.strip());
        if (!m.matches()) {
            return null;
        }
        return constants.get((m.group(1) != null ? m.group(1) : where) + "." + m.group(2));
    }

    /** @return every {@code static final String} constant with a literal value, by {@code Class.NAME} */
    private static Map<String, String> constants(JavaSources sources) {
        Map<String, String> all = new HashMap<>();
        for (Path f : sources.files()) {
            String cls = f.getFileName().toString().replace(".java", "");
            Matcher m = CONSTANT.matcher(JavaSources.read(f));
            while (m.find()) {
                all.put(cls + "." + m.group(1), JavaSources.unquote(m.group(2)));
            }
        }
        return all;
    }

    /**
     * The messages as sections, one per topic: the topics named in {@code headings} first, in that
     * order (a heading covers its package and the packages below it), then any other package under
     * its own name, so a new package shows up rather than disappearing.
     *
     * @param messages the messages
     * @param headings topic key (package below {@code org.depthfm}, or {@link #LAUNCHER}) to heading
     * @return HTML
     */
    static String html(List<Message> messages, Map<String, String> headings) {
        Map<String, List<Message>> byHeading = new LinkedHashMap<>();
        headings.values().forEach(h -> byHeading.put(h, new ArrayList<>()));
        Map<String, List<Message>> others = new TreeMap<>();
        for (Message m : messages) {
            String key = headings.keySet().stream().filter(k -> m.topic().equals(k) || m.topic().startsWith(k + "."))
                    .max(Comparator.comparingInt(String::length)).orElse(null);
            (key != null ? byHeading.computeIfAbsent(headings.get(key), k -> new ArrayList<>())
                    : others.computeIfAbsent("org.depthfm." + m.topic(), k -> new ArrayList<>())).add(m);
        }
        byHeading.putAll(others);
        StringBuilder b = new StringBuilder();
        Set<String> ids = new LinkedHashSet<>();
        byHeading.forEach((heading, list) -> {
            if (list.isEmpty()) {
                return;
            }
            String id = "errors-" + Html.slug(heading);
            if (!ids.add(id)) {
                throw new IllegalArgumentException("two error topics are headed '" + heading + "'");
            }
            b.append("<section id=\"").append(id).append("\" class=\"errors\">\n<h3>").append(Html.esc(heading))
                    .append("</h3>\n<ul class=\"messages\">\n");
            list.stream().sorted(Comparator.comparing(m -> m.text().toLowerCase(Locale.ROOT))).forEach(m -> b
                    .append("<li><samp>").append(m.html()).append("</samp> <small>").append(Html.esc(m.where()))
                    .append("</small></li>\n"));
            b.append("</ul>\n</section>\n");
        });
        return b.toString();
    }
}
