package org.depthfm.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class's Javadoc as page HTML, so that definitions written once in the code (for example the
 * uncertainty's) are what the site says. The description is kept and the block tags
 * ({@code @param} ...) dropped; inline tags become code; paragraphs become {@code <p>} elements.
 */
final class JavadocHtml {
    private static final Pattern BLOCK = Pattern.compile("(?s)<(table|ul|ol|pre)\\b.*?</\\1>");
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(code|literal|link|linkplain)\\s");

    private JavadocHtml() {
    }

    /**
     * @param source the source of a top-level type
     * @param simpleName the type's simple name
     * @return the type's Javadoc description as HTML paragraphs
     * @throws IllegalArgumentException if the type has no Javadoc
     */
    static String ofType(String source, String simpleName) {
        Matcher decl = Pattern.compile("(?m)^(?:public\\s+)?(?:(?:final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s+"
                + Pattern.quote(simpleName) + "\\b").matcher(source);
        if (!decl.find()) {
            throw new IllegalArgumentException("no declaration of " + simpleName + " in its source");
        }
        int open = source.lastIndexOf("/**", decl.start());
        int close = open < 0 ? -1 : source.indexOf("*/", open);
        if (close < 0 || !onlyAnnotations(source.substring(close + 2, decl.start()))) {
            throw new IllegalArgumentException(simpleName + " has no Javadoc to show");
        }
        return toHtml(source.substring(open + 3, close));
    }

    /** Whether the text between a comment and a declaration holds annotations only (so the comment is the type's). */
    private static boolean onlyAnnotations(String between) {
        String code = between.strip();
        while (code.startsWith("@")) {
            int i = 1;
            while (i < code.length() && (Character.isJavaIdentifierPart(code.charAt(i)) || code.charAt(i) == '.')) {
                i++;
            }
            String rest = code.substring(i).stripLeading();
            code = rest.startsWith("(") ? rest.substring(JavaSources.closing(rest, 0) + 1).strip() : rest;
        }
        return code.isEmpty();
    }

    /**
     * @param comment the text between {@code /**} and the closing {@code *}{@code /}
     * @return its description as HTML paragraphs
     */
    static String toHtml(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\n")) {
            String l = line.replaceFirst("^\\s*\\*? ?", "");
            if (l.startsWith("@")) {
                break;
            }
            text.append(l).append('\n');
        }
        String html = inlineTags(text.toString()).replaceAll("(?i)</p>", "");
        StringBuilder out = new StringBuilder();
        for (String paragraph : html.split("(?i)<p>")) {
            for (String part : blocks(paragraph)) {
                out.append(part.startsWith("<") && BLOCK.matcher(part).matches() ? part : "<p>" + part + "</p>").append('\n');
            }
        }
        return out.toString();
    }

    /** Splits around tables and lists, which cannot sit inside a paragraph; drops blank parts. */
    private static List<String> blocks(String paragraph) {
        List<String> parts = new ArrayList<>();
        Matcher m = BLOCK.matcher(paragraph);
        int from = 0;
        while (m.find()) {
            parts.add(paragraph.substring(from, m.start()));
            parts.add(m.group());
            from = m.end();
        }
        parts.add(paragraph.substring(from));
        return parts.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String inlineTags(String text) {
        StringBuilder b = new StringBuilder();
        Matcher m = INLINE_TAG.matcher(text);
        int from = 0;
        while (m.find(from)) {
            int end = matchingBrace(text, m.start());
            String body = text.substring(m.end(), end).strip();
            b.append(text, from, m.start());
            b.append(switch (m.group(1)) {
                case "code" -> Html.code(body);
                case "literal" -> Html.esc(body);
                default -> link(body);
            });
            from = end + 1;
        }
        return b.append(text.substring(from)).toString();
    }

    /** Javadoc counts braces only: quotes and apostrophes inside a tag are plain text. */
    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed inline tag: " + text.substring(open, Math.min(text.length(), open + 40)));
    }

    /** {@code Type#member label}: the label if given, else the member (or the type's simple name). */
    private static String link(String body) {
        String[] targetAndLabel = body.split("\\s+", 2);
        if (targetAndLabel.length == 2) {
            return Html.esc(targetAndLabel[1]);
        }
        String target = targetAndLabel[0];
        int hash = target.indexOf('#');
        String name = hash >= 0 ? target.substring(hash + 1) : target.substring(target.lastIndexOf('.') + 1);
        return Html.code(name);
    }
}
