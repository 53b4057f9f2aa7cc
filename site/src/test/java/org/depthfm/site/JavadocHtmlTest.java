package org.depthfm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A type's Javadoc as paragraphs: inline tags, tables, annotations between comment and type. */
class JavadocHtmlTest {
    @Test
    void keepsTheDescriptionAsParagraphs() {
        String source = """
                package x;

                /**
                 * The {@code a < b} rule, see {@link Other#field} and {@link Other the other}.
                 *
                 * <table><tr><td>1</td></tr></table>
                 *
                 * <p>Second {@literal <p>}aragraph's {@code {nested}} braces.
                 *
                 * @param a dropped
                 */
                @Plugin(type = Command.class, description = "text (with parentheses)")
                public final class Thing {
                }
                """;
        assertEquals("<p>The <code>a &lt; b</code> rule, see <code>field</code> and the other.</p>\n"
                + "<table><tr><td>1</td></tr></table>\n"
                + "<p>Second &lt;p&gt;aragraph's <code>{nested}</code> braces.</p>\n", JavadocHtml.ofType(source, "Thing"));
    }

    @Test
    void aTypeWithoutJavadocIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> JavadocHtml.ofType("/** other */ int x;\nclass Thing {}", "Thing"));
    }
}
