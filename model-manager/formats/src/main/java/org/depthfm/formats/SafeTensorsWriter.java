package org.depthfm.formats;

import com.google.gson.Gson;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code .safetensors} file that {@link SafeTensors} and the Hub's readers load: an
 * 8-byte little-endian header length, a JSON header (dtype, shape, data_offsets per tensor, and
 * {@code __metadata__}) padded with spaces to a multiple of 8 bytes so the data stays aligned,
 * then the tensors back to back in the map's order. Tensors are produced one at a time; the file
 * appears under its name only when complete.
 */
public final class SafeTensorsWriter {
    private SafeTensorsWriter() {
    }

    /**
     * @param file the file to write (replaced if it exists)
     * @param tensors the tensors by name, in the order to store them
     * @param metadata string metadata (e.g. {@code format: pt}); may be empty
     * @throws CheckpointException if the file cannot be written
     */
    public static void write(Path file, Map<String, TensorSource> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Map.Entry<String, TensorSource> e : tensors.entrySet()) {
            TensorSource t = e.getValue();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("dtype", safetensorsName(t.dtype()));
            spec.put("shape", t.shape());
            spec.put("data_offsets", new long[] {offset, offset + t.byteSize()});
            header.put(e.getKey(), spec);
            offset += t.byteSize();
        }
        String json = new Gson().toJson(header);
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        byte[] head = (json + " ".repeat((8 - length % 8) % 8)).getBytes(StandardCharsets.UTF_8);
        List<TensorSource> ordered = new ArrayList<>(tensors.values());
        FileChannels.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(head.length);
            FileChannels.writeFully(out, len.flip());
            FileChannels.writeFully(out, ByteBuffer.wrap(head));
            ByteBuffer scratch = TensorSource.scratch(ordered);
            for (TensorSource t : ordered) {
                FileChannels.writeFully(out, t.produce(scratch));
            }
        });
    }

    /** The safetensors dtype names are the enum's names (F32, F16, ...); checked against the reader's table. */
    private static String safetensorsName(DType t) {
        if (DType.fromSafetensors(t.name()) != t) {
            throw new IllegalStateException("no safetensors name for " + t);
        }
        return t.name();
    }
}
