package org.depthfm.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** safetensors files: the element types DepthFM meets, and damaged files, each refused with a clear message. */
class SafeTensorsTest {
    private static final Path GOOD = Expected.resource("safetensors/dtypes.safetensors");

    @TempDir
    Path dir;

    @Test
    void float32Float16Bfloat16AndMetadataReadAsTorchReadThem() {
        JsonObject expected = Expected.json("safetensors/dtypes.json");
        SafeTensors st = SafeTensors.open(GOOD);
        Expected.assertStore(expected.getAsJsonObject("tensors"), st);
        assertEquals(Map.of("format", "pt", "source", "reader tests"), st.metadata());
        JsonObject originals = expected.getAsJsonObject("originals");
        float[] f32 = Expected.floats(originals.getAsJsonArray("w_f16"));
        float[] f16 = st.get("w_f16").toFloatArray();
        float[] bf16 = st.get("w_bf16").toFloatArray();
        for (int i = 0; i < f32.length; i++) {
            assertEquals(f32[i], f16[i], Math.abs(f32[i]) * 0x1p-11, "w_f16[" + i + "]");
            assertEquals(f32[i], bf16[i], Math.abs(f32[i]) * 0x1p-8, "w_bf16[" + i + "]");
        }
    }

    /** A file of an 8-byte length, the header (padded with spaces to 8 bytes, as safetensors does), and data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        while (b.position() < 8 + padded) {
            b.put((byte) ' ');
        }
        return b.array();
    }

    private static byte[] good() {
        try {
            return Files.readAllBytes(GOOD);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] withHeaderLength(long length) {
        byte[] b = good();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return b;
    }

    private static Arguments damaged(String what, Function<byte[], byte[]> damage, String... keywords) {
        return arguments(what, damage, List.of(keywords));
    }

    private static Arguments header(String what, String header, int dataBytes, String... keywords) {
        return arguments(what, (Function<byte[], byte[]>) g -> file(header, dataBytes), List.of(keywords));
    }

    static Stream<Arguments> damagedFiles() {
        String w = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],";
        return Stream.of(
                damaged("empty file", g -> new byte[0], "not a safetensors file", "0 bytes"),
                damaged("shorter than the length field", g -> Arrays.copyOf(g, 5), "not a safetensors file", "5 bytes"),
                damaged("cut inside the header", g -> Arrays.copyOf(g, 40), "not a complete safetensors file",
                        "file size 40"),
                damaged("cut inside the data", g -> Arrays.copyOf(g, g.length - 10), "truncated", "'special_bf16'"),
                damaged("header length larger than the file", g -> withHeaderLength(g.length), "not a complete",
                        "header length " + good().length),
                damaged("negative header length", g -> withHeaderLength(-1), "header length -1"),
                header("bad JSON", w + "\"data_offsets\":[0,", 16, "corrupt safetensors header"),
                header("header not a JSON object", "[1,2,3]", 0, "corrupt safetensors header"),
                header("tensor entry not an object", "{\"w\":5}", 0, "'w'", "malformed header entry 5"),
                header("no dtype", "{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "'w'",
                        "malformed header entry {\"shape\":[2],\"data_offsets\":[0,8]}"),
                header("no data_offsets", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "'w'",
                        "malformed header entry {\"dtype\":\"F32\",\"shape\":[2]}"),
                header("shape not a list", "{\"w\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}", 8, "'w'",
                        "malformed header entry"),
                header("one data offset", w + "\"data_offsets\":[16]}}", 16, "'w'",
                        "needs data_offsets [begin, end], not [16]"),
                header("data_offsets beyond the data", w + "\"data_offsets\":[16,32]}}", 16, "'w'", "ends at byte"),
                header("data_offsets reversed", w + "\"data_offsets\":[16,0]}}", 16, "'w'", "byte range 16..0"),
                header("negative data offset", w + "\"data_offsets\":[-16,0]}}", 16, "'w'", "byte range -16..0"),
                header("data_offsets inconsistent with the shape", w + "\"data_offsets\":[0,12]}}", 16, "'w'",
                        "byte range 0..12", "needs 16 bytes"),
                header("negative size", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "'w'",
                        "negative size"),
                header("shape whose size overflows", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,16],"
                        + "\"data_offsets\":[0,8]}}", 8, "'w'", "too large"),
                header("unknown dtype", "{\"w\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "'w'",
                        "unsupported safetensors dtype 'Q4'"),
                header("float8 dtype", "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2, "'w'",
                        "unsupported safetensors dtype 'F8_E4M3'"),
                header("__metadata__ not a map of strings", "{\"__metadata__\":[\"pt\"]}", 0, "malformed __metadata__"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedFiles")
    void aDamagedFileIsRefusedWithAClearMessage(String what, Function<byte[], byte[]> damage, List<String> keywords)
            throws IOException {
        Path p = Files.write(dir.resolve("damaged.safetensors"), damage.apply(good()));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.open(p), what);
        for (String k : keywords) {
            assertTrue(e.getMessage().contains(k), what + ": '" + k + "' missing in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(p.toString()), what + ": the file is not named in: " + e.getMessage());
    }

    @Test
    void aFolderOrAMissingFileIsRefusedNamingIt() {
        CheckpointException folder = assertThrows(CheckpointException.class, () -> SafeTensors.open(dir));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
        Path missing = dir.resolve("missing.safetensors");
        CheckpointException absent = assertThrows(CheckpointException.class, () -> SafeTensors.open(missing));
        assertTrue(absent.getMessage().contains("cannot open " + missing), absent.getMessage());
    }
}
