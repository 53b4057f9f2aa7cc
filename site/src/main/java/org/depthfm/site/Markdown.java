package org.depthfm.site;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown (CommonMark with GitHub tables) to page HTML. Links between the site's Markdown pages
 * ({@code install.md#fiji}) become links between its HTML pages, so the sources read well on a
 * code host too; headings get ids, unique on the page, for links into a section.
 */
final class Markdown {
    private static final Pattern MD_LINK = Pattern.compile("^([\\w./-]+)\\.md(#.*)?$");
    private static final Pattern RELATIVE = Pattern.compile("^(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#).+");

    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /**
     * Renders Markdown.
     *
     * @param markdown the text
     * @param ids the ids already used on the page; the headings' ids are added
     * @param headingShift levels to add to every heading (1 makes an included file's {@code #} an {@code h2})
     * @param assetPrefix prefix for relative links and images that are not site pages (where an
     *     included file's neighbours were copied), or "" for a page of the site
     * @return HTML
     */
    String render(String markdown, Set<String> ids, int headingShift, String assetPrefix) {
        Node doc = parser.parse(markdown);
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading h) {
                h.setLevel(Math.min(6, h.getLevel() + headingShift));
                visitChildren(h);
            }
        });
        AttributeProvider attributes = (node, tag, attrs) -> {
            if (node instanceof Heading h) {
                String id = Html.slug(text(h));
                for (int n = 2; !ids.add(id); n++) {
                    id = Html.slug(text(h)) + "-" + n;
                }
                attrs.put("id", id);
            } else if (node instanceof Link) {
                rewrite(attrs, "href", assetPrefix);
            } else if (node instanceof Image) {
                rewrite(attrs, "src", assetPrefix);
            } else if (attrs.containsKey("align")) {
                // a table column's alignment: HTML5 has no align attribute, the stylesheet has these classes
                attrs.put("class", "align-" + attrs.remove("align"));
            }
        };
        return HtmlRenderer.builder().extensions(List.of(TablesExtension.create()))
                .attributeProviderFactory(context -> attributes).build().render(doc);
    }

    private static void rewrite(Map<String, String> attrs, String name, String assetPrefix) {
        String v = attrs.get(name);
        if (v == null || !RELATIVE.matcher(v).matches()) {
            return;
        }
        var md = MD_LINK.matcher(v);
        if (md.matches() && assetPrefix.isEmpty()) {
            attrs.put(name, md.group(1) + ".html" + (md.group(2) == null ? "" : md.group(2)));
        } else {
            attrs.put(name, assetPrefix + v);
        }
    }

    /** @return a heading's text, inline code included */
    static String text(Node node) {
        StringBuilder b = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                b.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
                b.append(c.getLiteral());
            }
        });
        return b.toString();
    }
}
