package org.depthfm.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Hostile image files written byte by byte for the tests of every module that reads images: TIFF
 * headers that declare far more pixels than the file holds, and truncated copies of real files.
 */
public final class HostileFiles {
    private HostileFiles() {
    }

    /**
     * A little-endian baseline TIFF with one image directory and one strip: 122 bytes of header
     * and directory (more with a description), then {@code pixels}.
     *
     * @param file where to write it
     * @param width the declared width
     * @param height the declared height
     * @param samples samples per pixel (3 for RGB)
     * @param compression 1 (none) or e.g. 5 (LZW)
     * @param stripBytes the declared byte count of the strip
     * @param pixels the bytes that follow the header
     * @param description an ImageJ description such as "images=100\n", or null
     * @return the file
     * @throws IOException if it cannot be written
     */
    public static Path tiff(Path file, long width, long height, int samples, int compression, long stripBytes,
            byte[] pixels, String description) throws IOException {
        byte[] text = description == null ? new byte[0] : (description + "\0").getBytes(StandardCharsets.US_ASCII);
        int entries = description == null ? 9 : 10;
        int directoryEnd = 8 + 2 + 12 * entries + 4;
        int pixelStart = directoryEnd + text.length;
        ByteBuffer b = ByteBuffer.allocate(pixelStart + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        entry(b, 256, 4, 1, width);
        entry(b, 257, 4, 1, height);
        entry(b, 258, 3, 1, 8);
        entry(b, 259, 3, 1, compression);
        entry(b, 262, 3, 1, samples == 3 ? 2 : 1);
        if (description != null) {
            entry(b, 270, 2, text.length, directoryEnd);
        }
        entry(b, 273, 4, 1, pixelStart);
        entry(b, 277, 3, 1, samples);
        entry(b, 278, 4, 1, height);
        entry(b, 279, 4, 1, stripBytes);
        b.putInt(0);
        b.put(text).put(pixels);
        return Files.write(file, b.array());
    }

    /**
     * The 138-byte TIFF of the issue: an 8-bit RGB image of the given size, 16 bytes of pixels.
     *
     * @param file where to write it
     * @param width the declared width
     * @param height the declared height
     * @return the file
     * @throws IOException if it cannot be written
     */
    public static Path tinyTiff(Path file, long width, long height) throws IOException {
        return tiff(file, width, height, 3, 1, width * height * 3, new byte[16], null);
    }

    /**
     * @param source a file
     * @param target where its first bytes go
     * @param fraction the share of it kept, e.g. 1/3
     * @return the target
     * @throws IOException if it cannot be copied
     */
    public static Path truncated(Path source, Path target, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(source);
        return Files.write(target, Arrays.copyOf(all, (int) (all.length * fraction)));
    }

    private static void entry(ByteBuffer b, int tag, int type, long count, long value) {
        b.putShort((short) tag).putShort((short) type).putInt((int) count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }
}
