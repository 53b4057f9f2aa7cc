package org.depthfm.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the writers write, our readers read back unchanged. */
class WritersRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void torchCheckpointRoundTrips(boolean zip64) throws Exception {
        float[] a = {1.5f, -2f, 3.25f, 0f, 7f, -1e-3f};
        float[] e = new float[77 * 8];
        for (int i = 0; i < e.length; i++) {
            e[i] = i * 0.5f - 3;
        }
        Map<String, TensorSource> state = new LinkedHashMap<>();
        state.put("input_blocks.0.0.weight", TensorSource.floats(new long[] {2, 3}, a));
        state.put("out.2.bias", TensorSource.floats(new long[] {1}, new float[] {42f}));
        Map<String, Object> hparams = new LinkedHashMap<>();
        hparams.put("model_channels", 320);
        hparams.put("channel_mult", List.of(1, 2, 4, 4));
        hparams.put("use_linear_in_transformer", true);
        hparams.put("dropout", 0.0);
        hparams.put("big", 5_000_000_000L);
        hparams.put("negative", -70000);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("noising_step", 400);
        top.put("ldm_hparams", hparams);
        top.put("empty_text_embedding", TensorSource.floats(new long[] {1, 77, 8}, e));
        top.put("state_dict", state);
        Path file = dir.resolve("model.ckpt");

        TorchCheckpointWriter.write(file, top, zip64);

        TorchCheckpoint ckpt = TorchCheckpoint.open(file);
        assertEquals(400L, ((Number) ckpt.value("noising_step")).longValue());
        Map<?, ?> h = (Map<?, ?>) ckpt.value("ldm_hparams");
        assertEquals(320L, h.get("model_channels"));
        assertEquals(List.of(1L, 2L, 4L, 4L), h.get("channel_mult"));
        assertEquals(Boolean.TRUE, h.get("use_linear_in_transformer"));
        assertEquals(0.0, h.get("dropout"));
        assertEquals(5_000_000_000L, ((Number) h.get("big")).longValue());
        assertEquals(-70000L, h.get("negative"));
        assertArrayEquals(new long[] {1, 77, 8}, ckpt.tensor("empty_text_embedding").shape());
        assertArrayEquals(e, ckpt.tensor("empty_text_embedding").toFloatArray());
        TensorStore sd = ckpt.tensors("state_dict");
        assertEquals(state.keySet(), sd.names());
        assertArrayEquals(a, sd.get("input_blocks.0.0.weight").toFloatArray());
        assertArrayEquals(new float[] {42f}, sd.get("out.2.bias").toFloatArray());
        assertNoLeftovers();
    }

    @Test
    void safeTensorsRoundTrip() throws Exception {
        Path src = dir.resolve("half.safetensors");
        short[] halves = {0x3c00, (short) 0xc000, 0x3555};
        Map<String, TensorSource> tensors = new LinkedHashMap<>();
        tensors.put("encoder.conv_in.weight", TensorSource.floats(new long[] {3}, new float[] {1, 2, 3}));
        tensors.put("h", new TensorSource(DType.F16, new long[] {3}, b -> b.asShortBuffer().put(halves)));
        tensors.put("decoder.conv_out.bias", TensorSource.floats(new long[] {1, 1}, new float[] {-4}));

        SafeTensorsWriter.write(src, tensors, Map.of("format", "pt"));

        SafeTensors st = SafeTensors.open(src);
        assertEquals(tensors.keySet(), st.names());
        assertEquals("pt", st.metadata().get("format"));
        assertArrayEquals(new float[] {1, 2, 3}, st.get("encoder.conv_in.weight").toFloatArray());
        assertEquals(DType.F16, st.get("h").dtype());
        assertArrayEquals(new float[] {1f, -2f, 0.33325195f}, st.get("h").toFloatArray());
        assertArrayEquals(new long[] {1, 1}, st.get("decoder.conv_out.bias").shape());
        long headerLength = Files.size(src) - 8 - (3 * 4 + 3 * 2 + 4);
        assertEquals(0, headerLength % 8, "data starts 8-byte aligned");

        // a copy through TensorSource.of keeps types and bytes
        Path copy = dir.resolve("copy.safetensors");
        Map<String, TensorSource> again = new LinkedHashMap<>();
        st.names().forEach(n -> again.put(n, TensorSource.of(st.get(n))));
        SafeTensorsWriter.write(copy, again, Map.of());
        SafeTensors back = SafeTensors.open(copy);
        for (String n : st.names()) {
            assertEquals(st.get(n).dtype(), back.get(n).dtype(), n);
            assertEquals(st.get(n).bytes(), back.get(n).bytes(), n);
        }
        assertTrue(back.metadata().isEmpty());
        assertNoLeftovers();
    }

    private void assertNoLeftovers() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "temporary files left");
        }
        assertTrue(Files.isDirectory(dir));
    }
}
