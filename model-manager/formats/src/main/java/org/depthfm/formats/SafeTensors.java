package org.depthfm.formats;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .safetensors} file: an 8-byte little-endian header length, a JSON header giving each
 * tensor's dtype, shape and byte range, then the raw data. Tensors are memory-mapped on demand.
 */
public final class SafeTensors implements TensorStore {
    /** Headers are a few hundred kB at most; anything larger is not a safetensors file. */
    private static final long MAX_HEADER = 100L << 20;

    private final Path path;
    private final Map<String, StoredTensor> tensors;
    private final Map<String, String> metadata;

    private SafeTensors(Path path, Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        this.path = path;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Reads the header of a safetensors file and checks every tensor's byte range.
     *
     * @param path the file
     * @return the tensors, mapped lazily
     * @throws CheckpointException if the file is not a complete, well-formed safetensors file
     */
    public static SafeTensors open(Path path) {
        try (MappedFile file = new MappedFile(path)) {
            if (file.size() < 8) {
                throw new CheckpointException(path + " is not a safetensors file (only " + file.size() + " bytes)");
            }
            long headerLen = ByteBuffer.wrap(file.read(0, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLen <= 1 || headerLen > MAX_HEADER || 8 + headerLen > file.size()) {
                throw new CheckpointException(path + " is not a complete safetensors file (header length " + headerLen
                        + ", file size " + file.size() + "); download it again");
            }
            String json = new String(file.read(8, (int) headerLen), StandardCharsets.UTF_8);
            JsonObject header;
            try {
                header = JsonParser.parseString(json).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new CheckpointException(path + " has a corrupt safetensors header: " + e.getMessage(), e);
            }
            long dataStart = 8 + headerLen;
            long dataLen = file.size() - dataStart;
            Map<String, StoredTensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    metadata(file, e.getValue(), metadata);
                    continue;
                }
                tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), dataStart, dataLen));
            }
            return new SafeTensors(path, Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
        } catch (RuntimeException e) {
            if (e instanceof CheckpointException) {
                throw e;
            }
            throw new CheckpointException(path + " has a malformed safetensors header: " + e, e);
        }
    }

    private static void metadata(MappedFile file, JsonElement json, Map<String, String> out) {
        try {
            json.getAsJsonObject().entrySet().forEach(m -> out.put(m.getKey(), m.getValue().getAsString()));
        } catch (RuntimeException e) {
            throw new CheckpointException(file.path() + " has a malformed __metadata__ (it must map strings to strings): "
                    + shorten(json), e);
        }
    }

    private static StoredTensor tensor(MappedFile file, String name, JsonElement spec, long dataStart, long dataLen) {
        DType dtype;
        long[] shape;
        long begin;
        long end;
        long want;
        try {
            JsonObject o = spec.getAsJsonObject();
            dtype = DType.fromSafetensors(o.get("dtype").getAsString());
            JsonArray shapeJson = o.getAsJsonArray("shape");
            shape = new long[shapeJson.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw new CheckpointException("has a negative size");
                }
            }
            JsonArray offsets = o.getAsJsonArray("data_offsets");
            if (offsets.size() != 2) {
                throw new CheckpointException("needs data_offsets [begin, end], not " + offsets);
            }
            begin = offsets.get(0).getAsLong();
            end = offsets.get(1).getAsLong();
        } catch (CheckpointException e) {
            throw new CheckpointException("tensor '" + name + "' in " + file.path() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException("tensor '" + name + "' in " + file.path() + " has a malformed header entry "
                    + shorten(spec) + " (it needs a dtype, a shape of sizes and data_offsets [begin, end])", e);
        }
        try {
            want = Math.multiplyExact(StoredTensor.numel(shape), dtype.size());
        } catch (ArithmeticException e) {
            throw new CheckpointException("tensor '" + name + "' in " + file.path() + " has shape " + Arrays.toString(shape)
                    + ", too large to be real; the file is corrupt", e);
        }
        if (begin < 0 || end < begin || end - begin != want) {
            throw new CheckpointException("tensor '" + name + "' in " + file.path() + " has byte range " + begin + ".."
                    + end + " but needs " + want + " bytes; the file is corrupt");
        }
        if (end > dataLen) {
            throw new CheckpointException(file.path() + " is truncated: tensor '" + name + "' ends at byte "
                    + (dataStart + end) + " of " + file.size() + "; download it again");
        }
        ByteBuffer region = file.map(dataStart + begin, want);
        return new StoredTensor(name, dtype, shape, () -> region);
    }

    private static String shorten(JsonElement json) {
        String s = String.valueOf(json);
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return the {@code __metadata__} entries */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public StoredTensor find(String name) {
        return tensors.get(name);
    }
}
