package org.depthfm.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;

/** Reference data for tests: the shared fixtures of the official code, and raw float32 resources. */
public final class Reference {
    private Reference() {
    }

    /** @return the depthfm-tiny fixture folder, if the shared folder is beside the checkout */
    public static Optional<Path> tinyFixture() {
        String shared = System.getProperty("depthfm.shared", "../../shared");
        Path tiny = Paths.get(shared, "fixtures", "depthfm-tiny");
        return Files.isDirectory(tiny) ? Optional.of(tiny) : Optional.empty();
    }

    /**
     * Reads one float32 tensor of a safetensors file as an image with the axes reversed (a torch
     * (N, C, H, W) tensor becomes (W, H, C, N)), which keeps the data order.
     */
    public static ArrayImg<FloatType, FloatArray> tensor(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(buffer.getLong());
        JsonObject header = JsonParser.parseString(new String(bytes, 8, headerLength, StandardCharsets.UTF_8))
                .getAsJsonObject();
        JsonObject entry = header.getAsJsonObject(name);
        if (!entry.get("dtype").getAsString().equals("F32")) {
            throw new IOException(name + " is not float32");
        }
        var shape = entry.getAsJsonArray("shape");
        long[] dims = new long[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = shape.get(dims.length - 1 - d).getAsLong();
        }
        int start = 8 + headerLength + entry.getAsJsonArray("data_offsets").get(0).getAsInt();
        return ArrayImgs.floats(floats(buffer.position(start).slice().order(ByteOrder.LITTLE_ENDIAN),
                Math.toIntExact(Intervals.numElements(dims))), dims);
    }

    /** Reads a little-endian float32 test resource of the given size (X fastest). */
    public static ArrayImg<FloatType, FloatArray> resource(Class<?> near, String name, long... dims)
            throws IOException {
        try (InputStream in = near.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            ByteBuffer buffer = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            return ArrayImgs.floats(floats(buffer, buffer.remaining() / Float.BYTES), dims);
        }
    }

    private static float[] floats(ByteBuffer buffer, int count) {
        float[] values = new float[count];
        buffer.asFloatBuffer().get(values);
        return values;
    }
}
