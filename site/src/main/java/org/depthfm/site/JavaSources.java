package org.depthfm.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's Java sources as text, and the little lexing the site needs to read them: where a
 * parenthesis closes, how an argument list splits, what a string literal says. Enough for
 * well-formed code that compiles; no attempt at a full Java grammar.
 */
final class JavaSources {
    private final List<Path> roots;

    /**
     * @param repo the repository root (modules are its folders, or their folders, with {@code src/main/java})
     */
    JavaSources(Path repo) {
        try (Stream<Path> dirs = Files.find(repo, 2, (d, a) -> a.isDirectory() && !d.endsWith("target"))) {
            roots = dirs.map(d -> d.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the main source folders of every module, sorted */
    List<Path> roots() {
        return roots;
    }

    /** @return every main {@code .java} file of every module, sorted */
    List<Path> files() {
        List<Path> all = new ArrayList<>();
        for (Path root : roots()) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /**
     * @param file a file of {@link #files()}
     * @return its path below its source folder, with '/' separators
     */
    String relativePath(Path file) {
        Path root = roots().stream().filter(file::startsWith).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " is in no source folder"));
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * @param className a fully qualified top-level class name
     * @return its source text
     * @throws IllegalArgumentException if no module has it
     */
    String source(String className) {
        String rel = className.replace('.', '/') + ".java";
        return roots().stream().map(r -> r.resolve(rel)).filter(Files::isRegularFile).findFirst().map(JavaSources::read)
                .orElseThrow(() -> new IllegalArgumentException("no module has the source of " + className));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param code Java source
     * @return the same text with every comment blanked out (same length, line feeds kept), so
     *     that positions found in it hold in the original
     */
    static String withoutComments(String code) {
        StringBuilder b = new StringBuilder(code);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i);
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                end = end < 0 ? code.length() : end;
                blank(b, i, end);
                i = end;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? code.length() : end + 2;
                blank(b, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return b.toString();
    }

    private static void blank(StringBuilder b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b.charAt(k) != '\n') {
                b.setCharAt(k, ' ');
            }
        }
    }

    /**
     * @param code Java source
     * @param start the index of an opening quote ({@code "}, {@code '} or a text block's {@code """})
     * @return the index just after the literal
     */
    static int endOfLiteral(String code, int start) {
        char q = code.charAt(start);
        if (code.startsWith("\"\"\"", start)) {
            int end = code.indexOf("\"\"\"", start + 3);
            return end < 0 ? code.length() : end + 3;
        }
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != q) {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, code.length());
    }

    /**
     * @param code Java source without comments
     * @param open the index of an opening parenthesis
     * @return the index of the parenthesis that closes it
     * @throws IllegalArgumentException if none does
     */
    static int closing(String code, int open) {
        int depth = 0;
        int i = open;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced parentheses after index " + open);
    }

    /**
     * @param expr an expression or argument list
     * @param separator the separator, e.g. ',' or '+'
     * @return the parts separated at nesting depth 0 (outside literals and brackets), trimmed
     */
    static List<String> splitTopLevel(String expr, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(expr, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(expr.substring(from, i).trim());
                from = i + 1;
            }
            i++;
        }
        parts.add(expr.substring(from).trim());
        return parts;
    }

    /**
     * @param literal a string literal with its quotes
     * @return the string it denotes (the common escapes)
     */
    static String unquote(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                b.append(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    /**
     * @param s an expression
     * @return whether it is exactly one string literal
     */
    static boolean isStringLiteral(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && endOfLiteral(s, 0) == s.length();
    }
}
