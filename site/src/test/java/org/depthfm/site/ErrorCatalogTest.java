package org.depthfm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error messages read from source text: concatenations, formats, helpers and constants. */
class ErrorCatalogTest {
    private static final String SOURCE = """
            class Store {
                static final String HINT = "run 'depthfm models download'";
                // throw new IllegalStateException("a comment is not code");
                void a(String id, java.nio.file.Path file) {
                    if (id == null) throw new ModelStoreException("unknown model '" + spec.id() + "'; " + HINT);
                    throw new CheckpointException(String.format(Locale.ROOT, "%s is %d%% done (%.1f s)%n", file, 5, 1.0), cause);
                }
                void b() {
                    throw invalid(source, "lists model (" + e.getMessage() + ") twice");
                    throw new IllegalArgumentException(e);
                    char c = ')'; throw new IllegalArgumentException("after a char ) literal");
                }
            }
            """;

    @Test
    void readsWhatEachThrowSays() {
        List<String> texts = ErrorCatalog.messages(SOURCE, "model.store", "Store", Map.of("Store.HINT", "run 'depthfm models download'"))
                .stream().map(ErrorCatalog.Message::text).toList();
        assertEquals(List.of("unknown model '<id>'; run 'depthfm models download'", "<…> is <…>% done (<…> s)",
                "after a char ) literal", "lists model (<message>) twice"), texts);
    }

    @Test
    void groupsByHeadingThenByPackage() {
        List<ErrorCatalog.Message> messages = List.of(new ErrorCatalog.Message("model.store", "A", "b", "b"),
                new ErrorCatalog.Message("model.store.sub", "B", "a", "a"), new ErrorCatalog.Message("ops.x", "C", "c", "c"));
        String html = ErrorCatalog.html(messages, Map.of("model.store", "Downloads"));
        assertTrue(html.indexOf("<h3>Downloads</h3>") < html.indexOf("<h3>org.depthfm.ops.x</h3>"), html);
        assertTrue(html.indexOf("<samp>a</samp>") < html.indexOf("<samp>b</samp>"), "sorted within a topic: " + html);
    }
}
