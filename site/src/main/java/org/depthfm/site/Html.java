package org.depthfm.site;

import java.text.Normalizer;
import java.util.Locale;

/** Escaping and naming for the generated pages (which are also well-formed XML: see SiteHtmlIT). */
final class Html {
    private Html() {
    }

    /**
     * @param text plain text
     * @return the text safe inside an element or a double-quoted attribute
     */
    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * @param text plain text
     * @return it as inline code
     */
    static String code(String text) {
        return "<code>" + esc(text) + "</code>";
    }

    /**
     * @param text a heading or name
     * @return an id made of lower-case ASCII letters, digits and hyphens
     */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "section" : s;
    }
}
