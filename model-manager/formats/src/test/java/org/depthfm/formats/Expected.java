package org.depthfm.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The reader test resources ({@code src/test/resources/checkpoint}, made by Python, see the README
 * there) and the values Python read back from them: per tensor its dtype, shape, and either the
 * float32 bit patterns of its values as torch converts them ({@code bits}) or its integers
 * ({@code values}).
 */
public final class Expected {
    private static Path copies;

    private Expected() {
    }

    /**
     * @return the path of a resource under {@code checkpoint/}: the file itself, or, where the
     *     resources come in this module's test jar (the engine's tests), a copy of it in a
     *     temporary folder, since the readers under test map real files
     */
    public static synchronized Path resource(String relative) {
        URL url = Expected.class.getResource("/checkpoint/" + relative);
        if (url == null) {
            throw new IllegalStateException("test resource checkpoint/" + relative + " is missing");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            if (copies == null) {
                copies = Files.createTempDirectory("checkpoint-resources");
                copies.toFile().deleteOnExit();
            }
            Path copy = copies.resolve(relative);
            if (!Files.exists(copy)) {
                Files.createDirectories(copy.getParent());
                try (InputStream in = url.openStream()) {
                    Files.copy(in, copy);
                }
                copy.toFile().deleteOnExit();
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read test resource checkpoint/" + relative, e);
        }
    }

    /** @return the parsed JSON resource */
    public static JsonObject json(String relative) {
        try {
            return JsonParser.parseString(Files.readString(resource(relative), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that a tensor has the expected dtype, shape and values (float32 bits, NaN as any NaN). */
    public static void assertTensor(JsonObject spec, StoredTensor t) {
        assertEquals(spec.get("dtype").getAsString(), t.dtype().name(), t.name() + " dtype");
        assertArrayEquals(longs(spec.getAsJsonArray("shape")), t.shape(), t.name() + " shape");
        if (spec.has("bits")) {
            assertFloatBits(spec.getAsJsonArray("bits"), t.toFloatArray(), t.name());
        } else {
            assertArrayEquals(longs(spec.getAsJsonArray("values")), t.toLongArray(), t.name() + " values");
        }
    }

    /** Asserts that every tensor of a JSON object of specs is in the store, equal, and that nothing else is. */
    public static void assertStore(JsonObject specs, TensorStore store) {
        assertEquals(specs.keySet(), store.names(), "tensor names");
        for (Map.Entry<String, JsonElement> e : specs.entrySet()) {
            assertTensor(e.getValue().getAsJsonObject(), store.get(e.getKey()));
        }
    }

    public static void assertFloatBits(JsonArray bits, float[] actual, String what) {
        assertEquals(bits.size(), actual.length, what + " length");
        for (int i = 0; i < actual.length; i++) {
            float want = Float.intBitsToFloat((int) bits.get(i).getAsLong());
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(actual[i]), what + "[" + i + "] should be NaN, is " + actual[i]);
            } else if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(actual[i])) {
                fail(what + "[" + i + "]: expected " + want + " but was " + actual[i]);
            }
        }
    }

    public static float[] floats(JsonArray bits) {
        float[] out = new float[bits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((int) bits.get(i).getAsLong());
        }
        return out;
    }

    public static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    /**
     * Asserts that a value read from a pickle equals a JSON value: numbers by value (integers must
     * be Java integers), lists and maps element by element, in order.
     */
    public static void assertPlain(JsonElement expected, Object actual, String where) {
        if (expected.isJsonNull()) {
            assertEquals(null, actual, where);
        } else if (expected.isJsonObject()) {
            assertTrue(actual instanceof Map, where + " should be a map, is " + actual);
            Map<?, ?> m = (Map<?, ?>) actual;
            assertEquals(List.copyOf(expected.getAsJsonObject().keySet()), List.copyOf(m.keySet()), where + " keys");
            expected.getAsJsonObject().entrySet().forEach(e -> assertPlain(e.getValue(), m.get(e.getKey()),
                    where + "." + e.getKey()));
        } else if (expected.isJsonArray()) {
            assertTrue(actual instanceof List, where + " should be a list, is " + actual);
            List<?> l = (List<?>) actual;
            assertEquals(expected.getAsJsonArray().size(), l.size(), where + " size");
            for (int i = 0; i < l.size(); i++) {
                assertPlain(expected.getAsJsonArray().get(i), l.get(i), where + "[" + i + "]");
            }
        } else if (expected.getAsJsonPrimitive().isBoolean()) {
            assertEquals(expected.getAsBoolean(), actual, where);
        } else if (expected.getAsJsonPrimitive().isString()) {
            assertEquals(expected.getAsString(), actual, where);
        } else {
            String text = expected.getAsJsonPrimitive().getAsString();
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                assertTrue(actual instanceof Double, where + " should be a float, is " + actual);
                assertEquals(expected.getAsDouble(), (Double) actual, 0.0, where);
            } else {
                assertTrue(actual instanceof Long, where + " should be an integer, is " + actual);
                assertEquals(expected.getAsLong(), (Long) actual, where);
            }
        }
    }
}
