package org.depthfm.imagej.geometry;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Files the tests make from their specifications, not with the code under test: JPEG photos with
 * EXIF blocks laid out by hand (TIFF 6.0 and EXIF 2.3 layouts), and a PLY reader written from the
 * PLY format description.
 */
final class TestFiles {
    private TestFiles() {
    }

    /** One EXIF entry: SHORT (3) or LONG (4) values in place, RATIONAL (5) as numerator/denominator. */
    record Entry(int tag, int type, long numerator, long denominator) {
        static Entry shortValue(int tag, int v) {
            return new Entry(tag, 3, v, 1);
        }

        static Entry rational(int tag, long numerator, long denominator) {
            return new Entry(tag, 5, numerator, denominator);
        }
    }

    /** A colourful test photo: red rises to the right, green downwards, blue constant. */
    static BufferedImage photo(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (255 * x / Math.max(1, w - 1)) << 16 | (255 * y / Math.max(1, h - 1)) << 8 | 90);
            }
        }
        return img;
    }

    /** A JPEG as ImageIO writes it (JFIF, no EXIF). */
    static byte[] jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with an APP1 Exif segment right after its SOI marker. */
    static byte[] withExif(byte[] jpeg, byte[] tiff) {
        ByteBuffer b = ByteBuffer.allocate(jpeg.length + 4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
        b.put(jpeg, 0, 2);
        b.putShort((short) 0xFFE1).putShort((short) (2 + 6 + tiff.length));
        b.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(tiff);
        b.put(jpeg, 2, jpeg.length - 2);
        return b.array();
    }

    /**
     * A TIFF block: IFD0 with only the Exif IFD pointer (tag 0x8769), then the Exif IFD with the
     * entries, then the rationals' values.
     */
    static byte[] tiff(ByteOrder order, List<Entry> exifEntries) {
        int ifd0 = 8;
        int exifIfd = ifd0 + 2 + 12 + 4;
        int values = exifIfd + 2 + 12 * exifEntries.size() + 4;
        ByteBuffer b = ByteBuffer.allocate(values + 8 * exifEntries.size()).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(ifd0);
        b.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifIfd).putInt(0);
        b.putShort((short) exifEntries.size());
        int next = values;
        List<Entry> rationals = new ArrayList<>();
        for (Entry e : exifEntries) {
            b.putShort((short) e.tag()).putShort((short) e.type()).putInt(1);
            if (e.type() == 5) {
                b.putInt(next);
                next += 8;
                rationals.add(e);
            } else if (e.type() == 3) {
                b.putShort((short) e.numerator()).putShort((short) 0);
            } else {
                b.putInt((int) e.numerator());
            }
        }
        b.putInt(0);
        for (Entry e : rationals) {
            b.putInt((int) e.numerator()).putInt((int) e.denominator());
        }
        return b.array();
    }

    /** A PLY file read back: header lines, the vertex properties by name, the faces. */
    record PlyData(List<String> header, Map<String, double[]> vertex, int vertices, List<int[]> faces) {
        double get(String property, int vertex) {
            return this.vertex.get(property)[vertex];
        }
    }

    /**
     * Reads a binary little-endian or ASCII PLY with one vertex element of scalar properties and an
     * optional face element with a {@code uchar int} list.
     */
    static PlyData readPly(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = indexOf(bytes, "end_header\n".getBytes(StandardCharsets.US_ASCII)) + "end_header\n".length();
        List<String> header = List.of(new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n"));
        boolean ascii = header.contains("format ascii 1.0");
        int vertices = 0;
        int faces = 0;
        List<String[]> props = new ArrayList<>();
        String element = "";
        for (String line : header) {
            String[] t = line.split(" ");
            if (t[0].equals("element")) {
                element = t[1];
                if (element.equals("vertex")) {
                    vertices = Integer.parseInt(t[2]);
                } else {
                    faces = Integer.parseInt(t[2]);
                }
            } else if (t[0].equals("property") && element.equals("vertex")) {
                props.add(new String[] {t[1], t[2]});
            }
        }
        Map<String, double[]> vertex = new LinkedHashMap<>();
        for (String[] p : props) {
            vertex.put(p[1], new double[vertices]);
        }
        List<int[]> faceList = new ArrayList<>();
        if (ascii) {
            String[] lines = new String(bytes, end, bytes.length - end, StandardCharsets.US_ASCII).split("\n");
            for (int v = 0; v < vertices; v++) {
                String[] t = lines[v].split(" ");
                for (int k = 0; k < props.size(); k++) {
                    vertex.get(props.get(k)[1])[v] = Double.parseDouble(t[k]);
                }
            }
            for (int f = 0; f < faces; f++) {
                String[] t = lines[vertices + f].split(" ");
                faceList.add(new int[] {Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3])});
            }
        } else {
            ByteBuffer b = ByteBuffer.wrap(bytes, end, bytes.length - end).order(ByteOrder.LITTLE_ENDIAN);
            for (int v = 0; v < vertices; v++) {
                for (String[] p : props) {
                    vertex.get(p[1])[v] = p[0].equals("float") ? b.getFloat() : Byte.toUnsignedInt(b.get());
                }
            }
            for (int f = 0; f < faces; f++) {
                int n = Byte.toUnsignedInt(b.get());
                if (n != 3) {
                    throw new IOException("face " + f + " has " + n + " corners");
                }
                faceList.add(new int[] {b.getInt(), b.getInt(), b.getInt()});
            }
            if (b.hasRemaining()) {
                throw new IOException(b.remaining() + " bytes after the last element");
            }
        }
        return new PlyData(header, vertex, vertices, faceList);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no end_header");
    }
}
