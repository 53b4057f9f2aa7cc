package org.depthfm.imagej;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depthfm.base.AtomicFile;

/**
 * What an image file declares about its pixels, read from its header and structure without
 * decoding them, so that an image too large to hold, or a damaged one, is refused before ImageJ
 * allocates anything: TIFF (every image file directory: its strips or tiles must lie inside the
 * file, and uncompressed ones must hold the declared pixels; ImageJ's {@code images=} stacks must
 * fit), PNG (every chunk inside the file, up to {@code IEND}), JPEG (markers up to {@code EOI}),
 * BMP (the declared rows inside the file) and GIF (every block up to the trailer). Other formats
 * (Bio-Formats' in Fiji) are not read here.
 *
 * @param format "TIFF", "PNG", "JPEG", "BMP" or "GIF"
 * @param width the declared width
 * @param height the declared height
 * @param planes the image planes ImageJ will make of the file (a TIFF's images, a GIF's frames,
 *     the channels of a multi-sample TIFF)
 * @param channels the channels per position as ImageJ's description declares them (1 otherwise)
 * @param bytesPerPixel the bytes ImageJ holds per pixel of one plane: 1 (8-bit), 2 (16-bit) or
 *     4 (32-bit and RGB colour)
 */
public record ImageHeader(String format, long width, long height, long planes, int channels, int bytesPerPixel) {
    /** The largest plane ImageJ can hold: its pixel arrays and byte counts are Java ints. */
    public static final long MAX_PLANE_BYTES = Integer.MAX_VALUE - 8;
    /** The most image file directories a TIFF is followed through (ImageJ stacks are far shorter). */
    private static final int MAX_DIRECTORIES = 1_000_000;
    /** The most values one TIFF tag is read with (strip offsets of a very tall image stay far below). */
    private static final long MAX_VALUES = 1L << 26;
    private static final Pattern IMAGEJ_COUNT = Pattern.compile("(?m)^(images|channels)=(\\d+)\\s*$");

    /** @return the positions of the image (slices times frames of a hyperstack) */
    public long frames() {
        return Math.max(1, planes / Math.max(1, channels));
    }

    /** @return the bytes of one plane as ImageJ holds it */
    public long planeBytes() {
        return width * height * bytesPerPixel;
    }

    /** @return the bytes of all planes as ImageJ holds them */
    public long pixelBytes() {
        return planeBytes() * planes;
    }

    /**
     * @param file an image file
     * @return its header, or null for a format not read here
     * @throws IllegalArgumentException naming the file and the damage: truncated, pixel data
     *     outside the file, a size of 0
     * @throws UncheckedIOException if it cannot be read
     */
    public static ImageHeader read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] magic = new byte[8];
            int n = ch.read(ByteBuffer.wrap(magic), 0);
            if (n < 4) {
                return null;
            }
            ImageHeader h;
            if ((magic[0] == 'I' && magic[1] == 'I') || (magic[0] == 'M' && magic[1] == 'M')) {
                h = tiff(ch, magic[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            } else if (n == 8 && (magic[0] & 0xff) == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G') {
                h = png(ch);
            } else if ((magic[0] & 0xff) == 0xff && (magic[1] & 0xff) == 0xd8) {
                h = jpeg(file);
            } else if (magic[0] == 'B' && magic[1] == 'M') {
                h = bmp(ch);
            } else if (magic[0] == 'G' && magic[1] == 'I' && magic[2] == 'F' && magic[3] == '8') {
                h = gif(file);
            } else {
                return null;
            }
            if (h != null && (h.width < 1 || h.height < 1)) {
                throw damaged(file, "it declares a " + h.width + "x" + h.height + " image");
            }
            return h;
        } catch (Damage d) {
            throw damaged(file, d.getMessage());
        } catch (EOFException e) {
            throw damaged(file, "it ends inside its header (truncated)");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such image: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + AtomicFile.reason(e), e);
        }
    }

    private static IllegalArgumentException damaged(Path file, String why) {
        return new IllegalArgumentException(file + " is damaged: " + why + "; it was not read (copy it again, or"
                + " re-export it)");
    }

    /** A structural problem found while reading a header. */
    private static final class Damage extends IOException {
        private static final long serialVersionUID = 1L;

        Damage(String message) {
            super(message);
        }
    }

    // ---- TIFF -------------------------------------------------------------------------------

    private static ImageHeader tiff(FileChannel ch, ByteOrder order) throws IOException {
        long size = ch.size();
        ByteBuffer head = bytes(ch, 0, 8, order);
        int magic = head.getShort(2) & 0xffff;
        if (magic == 43) {
            return null; // BigTIFF: ImageJ itself does not read it; Bio-Formats does
        }
        if (magic != 42) {
            return null;
        }
        long offset = head.getInt(4) & 0xffffffffL;
        Set<Long> seen = new HashSet<>();
        Directory first = null;
        long planes = 0;
        while (offset != 0) {
            if (!seen.add(offset) || seen.size() > MAX_DIRECTORIES) {
                throw new Damage("its image directories loop or never end");
            }
            Directory d = directory(ch, offset, order, size, seen.size());
            if (first == null) {
                first = d;
            }
            if (!d.reduced) {
                planes += d.samplesAsPlanes();
            }
            offset = d.next;
        }
        if (first == null) {
            throw new Damage("it holds no image");
        }
        int channels = 1;
        Matcher m = IMAGEJ_COUNT.matcher(first.description);
        long images = -1;
        while (m.find()) {
            long v = Long.parseLong(m.group(2));
            if (m.group(1).equals("images")) {
                images = v;
            } else {
                channels = (int) Math.min(Integer.MAX_VALUE, Math.max(1, v));
            }
        }
        if (images > 0 && first.compression == 1 && first.offsets.length > 0) {
            // ImageJ reads all images of its own stacks contiguously from the first strip
            long end = first.offsets[0] + images * first.planeBytesOnDisk();
            if (end > size || end < 0) {
                throw new Damage(String.format(Locale.ROOT, "its %d images of %dx%d need %d bytes but the file has %d"
                        + " (truncated)", images, first.width, first.height, end, size));
            }
        }
        if (images > 0) {
            planes = images;
        }
        return new ImageHeader("TIFF", first.width, first.height, Math.max(planes, 1), channels, first.bytesPerPixel());
    }

    /** One image file directory: the tags DepthFM checks. */
    private record Directory(long width, long height, int bits, int samples, int compression, long[] offsets,
            long[] counts, String description, boolean reduced, boolean floating, long next) {
        long planeBytesOnDisk() {
            return (width * bits + 7) / 8 * height * samples;
        }

        /** ImageJ opens 8-bit RGB(A) as colour; other multi-sample images become one plane per sample. */
        long samplesAsPlanes() {
            return samples >= 3 && bits == 8 ? 1 : Math.max(1, samples);
        }

        int bytesPerPixel() {
            if (samples >= 3 && bits == 8) {
                return 4;
            }
            return bits <= 8 ? 1 : bits <= 16 && !floating ? 2 : 4;
        }
    }

    private static Directory directory(FileChannel ch, long offset, ByteOrder order, long size, int index)
            throws IOException {
        if (offset + 2 > size) {
            throw new Damage("image directory " + index + " lies past the end of the file (truncated)");
        }
        int count = bytes(ch, offset, 2, order).getShort(0) & 0xffff;
        if (offset + 2 + 12L * count + 4 > size) {
            throw new Damage("image directory " + index + " runs past the end of the file (truncated)");
        }
        ByteBuffer b = bytes(ch, offset + 2, 12 * count + 4, order);
        long width = 0;
        long height = 0;
        int bits = 1;
        int samples = 1;
        int compression = 1;
        long[] offsets = null;
        long[] counts = null;
        String description = "";
        boolean reduced = false;
        boolean floating = false;
        for (int i = 0; i < count; i++) {
            int at = 12 * i;
            int tag = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & 0xffff;
            long n = b.getInt(at + 4) & 0xffffffffL;
            switch (tag) {
                case 254 -> reduced = (first(ch, b, at, type, n, order, size) & 1) != 0;
                case 256 -> width = first(ch, b, at, type, n, order, size);
                case 257 -> height = first(ch, b, at, type, n, order, size);
                case 258 -> bits = (int) first(ch, b, at, type, n, order, size);
                case 259 -> compression = (int) first(ch, b, at, type, n, order, size);
                case 270 -> description = ascii(ch, b, at, n, order, size);
                case 273, 324 -> offsets = values(ch, b, at, type, n, order, size);
                case 277 -> samples = (int) first(ch, b, at, type, n, order, size);
                case 279, 325 -> counts = values(ch, b, at, type, n, order, size);
                case 339 -> floating = first(ch, b, at, type, n, order, size) == 3;
                default -> {
                    // not needed to size or check the pixels
                }
            }
        }
        long next = b.getInt(12 * count) & 0xffffffffL;
        Directory d = new Directory(width, height, bits, samples, compression, offsets == null ? new long[0] : offsets,
                counts, description, reduced, floating, next);
        check(d, size, index);
        return d;
    }

    private static void check(Directory d, long size, int index) throws Damage {
        String where = index == 1 ? "its pixel data" : "the pixel data of image " + index;
        if (d.offsets.length == 0) {
            throw new Damage((index == 1 ? "it" : "image " + index) + " has no pixel data (no strip offsets)");
        }
        long declared = 0;
        for (int i = 0; i < d.offsets.length; i++) {
            long c = d.counts != null && i < d.counts.length ? d.counts[i] : -1;
            if (d.offsets[i] > size || (c > 0 && d.offsets[i] + c > size)) {
                throw new Damage(String.format(Locale.ROOT, "%s ends at byte %d but the file has %d bytes (truncated)",
                        where, d.offsets[i] + Math.max(c, 0), size));
            }
            declared += Math.max(c, 0);
        }
        if (d.compression == 1 && d.width > 0 && d.height > 0) {
            long needed = d.planeBytesOnDisk();
            if (d.counts == null ? d.offsets[0] + needed > size : declared < needed) {
                throw new Damage(String.format(Locale.ROOT, "it declares %dx%d pixels (%d bytes) but %s holds %d bytes",
                        d.width, d.height, needed, index == 1 ? "its pixel data" : "image " + index,
                        d.counts == null ? size - d.offsets[0] : declared));
            }
        }
    }

    private static long first(FileChannel ch, ByteBuffer b, int at, int type, long n, ByteOrder order, long size)
            throws IOException {
        long[] v = values(ch, b, at, type, n, 1, order, size);
        return v.length == 0 ? 0 : v[0];
    }

    private static long[] values(FileChannel ch, ByteBuffer b, int at, int type, long n, ByteOrder order, long size)
            throws IOException {
        return values(ch, b, at, type, n, n, order, size);
    }

    /** The first {@code limit} of a tag's {@code n} values (inline when all n fit in four bytes). */
    private static long[] values(FileChannel ch, ByteBuffer b, int at, int type, long n, long limit, ByteOrder order,
            long size) throws IOException {
        int width = switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 13 -> 4;
            default -> 0;
        };
        if (width == 0 || n == 0) {
            return new long[0];
        }
        if (n * width > size || n > MAX_VALUES) {
            throw new Damage("a tag declares " + n + " values, more than the file holds (damaged)");
        }
        ByteBuffer data;
        int base;
        if (n * width <= 4) {
            data = b;
            base = at + 8;
        } else {
            long off = b.getInt(at + 8) & 0xffffffffL;
            if (off + n * width > size) {
                throw new Damage("a tag's values lie past the end of the file (truncated)");
            }
            data = bytes(ch, off, (int) (Math.min(n, limit) * width), order);
            base = 0;
        }
        long[] v = new long[(int) Math.min(n, limit)];
        for (int i = 0; i < v.length; i++) {
            int p = base + i * width;
            v[i] = switch (width) {
                case 1 -> data.get(p) & 0xffL;
                case 2 -> data.getShort(p) & 0xffffL;
                default -> data.getInt(p) & 0xffffffffL;
            };
        }
        return v;
    }

    private static String ascii(FileChannel ch, ByteBuffer b, int at, long n, ByteOrder order, long size)
            throws IOException {
        int length = (int) Math.min(n, 1 << 16); // ImageJ's own keys come first
        if (n <= 4) {
            byte[] s = new byte[length];
            b.get(at + 8, s);
            return new String(s, StandardCharsets.ISO_8859_1);
        }
        long off = b.getInt(at + 8) & 0xffffffffL;
        if (off + n > size) {
            throw new Damage("its image description lies past the end of the file (truncated)");
        }
        ByteBuffer data = bytes(ch, off, length, order);
        return new String(data.array(), 0, length, StandardCharsets.ISO_8859_1);
    }

    // ---- PNG, BMP ----------------------------------------------------------------------------

    private static ImageHeader png(FileChannel ch) throws IOException {
        long size = ch.size();
        long at = 8;
        ImageHeader header = null;
        boolean data = false;
        while (true) {
            if (at + 8 > size) {
                throw new Damage("it ends before its IEND chunk (truncated)");
            }
            ByteBuffer c = bytes(ch, at, 8, ByteOrder.BIG_ENDIAN);
            long length = c.getInt(0) & 0xffffffffL;
            String type = new String(new byte[] {c.get(4), c.get(5), c.get(6), c.get(7)}, StandardCharsets.ISO_8859_1);
            if (at + 12 + length > size) {
                throw new Damage("its " + type + " chunk runs past the end of the file (truncated)");
            }
            if (header == null) {
                if (!type.equals("IHDR") || length < 13) {
                    throw new Damage("it does not start with an IHDR chunk");
                }
                ByteBuffer ihdr = bytes(ch, at + 8, 13, ByteOrder.BIG_ENDIAN);
                int bitDepth = ihdr.get(8);
                int colour = ihdr.get(9);
                int bpp = colour == 0 ? (bitDepth == 16 ? 2 : 1) : 4;
                header = new ImageHeader("PNG", ihdr.getInt(0) & 0xffffffffL, ihdr.getInt(4) & 0xffffffffL, 1, 1, bpp);
            }
            data |= type.equals("IDAT");
            if (type.equals("IEND")) {
                if (!data) {
                    throw new Damage("it holds no image data (no IDAT chunk)");
                }
                return header;
            }
            at += 12 + length;
        }
    }

    private static ImageHeader bmp(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 30) {
            throw new EOFException();
        }
        ByteBuffer b = bytes(ch, 0, 30, ByteOrder.LITTLE_ENDIAN);
        long dataOffset = b.getInt(10) & 0xffffffffL;
        long width = b.getInt(18);
        long height = Math.abs((long) b.getInt(22));
        int bits = b.getShort(28) & 0xffff;
        int compression = size >= 34 ? bytes(ch, 30, 4, ByteOrder.LITTLE_ENDIAN).getInt(0) : 0;
        if (compression == 0 && width > 0 && bits > 0) {
            long end = dataOffset + (bits * width + 31) / 32 * 4 * height;
            if (end > size) {
                throw new Damage(String.format(Locale.ROOT, "its %dx%d pixels end at byte %d but the file has %d"
                        + " (truncated)", width, height, end, size));
            }
        }
        return new ImageHeader("BMP", width, height, 1, 1, bits <= 8 ? 1 : 4);
    }

    // ---- JPEG, GIF (read as streams: their data must be walked to the end) -------------------

    private static ImageHeader jpeg(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(2);
            ImageHeader header = null;
            boolean scanned = false;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new Damage("it ends before its end-of-image marker (truncated)");
                }
                if (b != 0xff) {
                    continue; // entropy-coded data of a scan
                }
                int marker = in.read();
                while (marker == 0xff) {
                    marker = in.read();
                }
                if (marker < 0) {
                    throw new Damage("it ends before its end-of-image marker (truncated)");
                }
                if (marker == 0 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                    continue; // a stuffed byte, a restart marker, TEM
                }
                if (marker == 0xd9) {
                    if (header == null || !scanned) {
                        throw new Damage("it ends before its image data");
                    }
                    return header;
                }
                int length = (in.read() << 8) | in.read();
                if (length < 2) {
                    throw new Damage("it ends inside a marker segment (truncated)");
                }
                byte[] segment = in.readNBytes(length - 2);
                if (segment.length < length - 2) {
                    throw new Damage("it ends inside a marker segment (truncated)");
                }
                boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
                if (frame && header == null && segment.length >= 6) {
                    ByteBuffer s = ByteBuffer.wrap(segment).order(ByteOrder.BIG_ENDIAN);
                    int components = segment[5] & 0xff;
                    header = new ImageHeader("JPEG", s.getShort(3) & 0xffff, s.getShort(1) & 0xffff, 1, 1,
                            components == 1 ? 1 : 4);
                }
                scanned |= marker == 0xda;
            }
        }
    }

    private static ImageHeader gif(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] screen = in.readNBytes(13);
            if (screen.length < 13) {
                throw new EOFException();
            }
            ByteBuffer s = ByteBuffer.wrap(screen).order(ByteOrder.LITTLE_ENDIAN);
            long width = s.getShort(6) & 0xffff;
            long height = s.getShort(8) & 0xffff;
            skipColourTable(in, screen[10]);
            long frames = 0;
            while (true) {
                int block = in.read();
                switch (block) {
                    case 0x3b -> {
                        return new ImageHeader("GIF", width, height, Math.max(frames, 1), 1, 1);
                    }
                    case 0x21 -> {
                        in.skipNBytes(1);
                        skipSubBlocks(in);
                    }
                    case 0x2c -> {
                        byte[] d = in.readNBytes(9);
                        if (d.length < 9) {
                            throw new EOFException();
                        }
                        skipColourTable(in, d[8]);
                        in.skipNBytes(1);
                        skipSubBlocks(in);
                        frames++;
                    }
                    default -> throw new Damage(block < 0 ? "it ends before its trailer (truncated)"
                            : "it holds an unknown block");
                }
            }
        } catch (EOFException e) {
            throw new Damage("it ends inside an image block (truncated)");
        }
    }

    private static void skipColourTable(InputStream in, byte flags) throws IOException {
        if ((flags & 0x80) != 0) {
            in.skipNBytes(3L << ((flags & 7) + 1));
        }
    }

    private static void skipSubBlocks(InputStream in) throws IOException {
        for (int n = in.read(); n != 0; n = in.read()) {
            if (n < 0) {
                throw new EOFException();
            }
            in.skipNBytes(n);
        }
    }

    private static ByteBuffer bytes(FileChannel ch, long offset, int length, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new EOFException();
            }
        }
        return b.order(order);
    }
}
