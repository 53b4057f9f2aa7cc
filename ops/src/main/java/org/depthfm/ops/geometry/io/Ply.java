package org.depthfm.ops.geometry.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.depthfm.ops.geometry.Mesh;
import org.depthfm.ops.geometry.PointCloud;

/**
 * Writes point clouds and meshes as PLY (Stanford polygon files). The header has a comment with the
 * projection's description (unit, relative or metric, camera; {@code Projection.describe}) and
 * an element {@code vertex} with {@code float x, y, z}, then, when present, {@code float nx, ny, nz},
 * {@code uchar red, green, blue} and {@code float uncertainty}; a mesh adds an element {@code face}
 * with {@code property list uchar int vertex_indices}. Text is ASCII except the unit's own
 * characters, in UTF-8. Floats in ASCII bodies are Java's shortest round-trip decimals, so reading
 * them back gives the same floats. The stream is flushed, not closed.
 */
public final class Ply {
    private Ply() {
    }

    /**
     * Writes a point cloud.
     *
     * @param cloud the points
     * @param out where to write; flushed, not closed
     * @param format ASCII or binary little-endian
     * @throws IOException if the stream fails
     */
    public static void write(PointCloud cloud, OutputStream out, PlyFormat format) throws IOException {
        write(cloud, null, out, format);
    }

    /**
     * Writes a mesh.
     *
     * @param mesh the mesh
     * @param out where to write; flushed, not closed
     * @param format ASCII or binary little-endian
     * @throws IOException if the stream fails
     */
    public static void write(Mesh mesh, OutputStream out, PlyFormat format) throws IOException {
        write(mesh.vertices(), mesh.triangles(), out, format);
    }

    private static void write(PointCloud cloud, int[] triangles, OutputStream out, PlyFormat format)
            throws IOException {
        out.write(header(cloud, triangles, format).getBytes(StandardCharsets.UTF_8));
        if (format == PlyFormat.ASCII) {
            writeAscii(cloud, triangles, out);
        } else {
            writeBinary(cloud, triangles, out);
        }
    }

    private static String header(PointCloud cloud, int[] triangles, PlyFormat format) {
        StringBuilder h = new StringBuilder("ply\nformat ")
                .append(format == PlyFormat.ASCII ? "ascii" : "binary_little_endian").append(" 1.0\n")
                .append("comment ").append(cloud.projection().describe()).append('\n')
                .append("element vertex ").append(cloud.count()).append('\n')
                .append("property float x\nproperty float y\nproperty float z\n");
        if (cloud.normals() != null) {
            h.append("property float nx\nproperty float ny\nproperty float nz\n");
        }
        if (cloud.rgb() != null) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        if (cloud.uncertainty() != null) {
            h.append("property float uncertainty\n");
        }
        if (triangles != null) {
            h.append("element face ").append(triangles.length / 3).append('\n')
                    .append("property list uchar int vertex_indices\n");
        }
        return h.append("end_header\n").toString();
    }

    private static void writeBinary(PointCloud cloud, int[] triangles, OutputStream out) throws IOException {
        LittleEndian le = new LittleEndian(out);
        for (int p = 0; p < cloud.count(); p++) {
            for (int a = 0; a < 3; a++) {
                le.float32(cloud.xyz()[3 * p + a]);
            }
            if (cloud.normals() != null) {
                for (int a = 0; a < 3; a++) {
                    le.float32(cloud.normals()[3 * p + a]);
                }
            }
            if (cloud.rgb() != null) {
                for (int a = 0; a < 3; a++) {
                    le.uint8(cloud.rgb()[3 * p + a]);
                }
            }
            if (cloud.uncertainty() != null) {
                le.float32(cloud.uncertainty()[p]);
            }
        }
        if (triangles != null) {
            for (int t = 0; t < triangles.length; t += 3) {
                le.uint8(3).int32(triangles[t]).int32(triangles[t + 1]).int32(triangles[t + 2]);
            }
        }
        le.flush();
    }

    private static void writeAscii(PointCloud cloud, int[] triangles, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        StringBuilder line = new StringBuilder(128);
        for (int p = 0; p < cloud.count(); p++) {
            line.setLength(0);
            floats(line, cloud.xyz(), 3 * p);
            if (cloud.normals() != null) {
                floats(line.append(' '), cloud.normals(), 3 * p);
            }
            if (cloud.rgb() != null) {
                for (int a = 0; a < 3; a++) {
                    line.append(' ').append(Byte.toUnsignedInt(cloud.rgb()[3 * p + a]));
                }
            }
            if (cloud.uncertainty() != null) {
                line.append(' ').append(cloud.uncertainty()[p]);
            }
            text.append(line).append('\n');
        }
        if (triangles != null) {
            for (int t = 0; t < triangles.length; t += 3) {
                text.append("3 ").append(Integer.toString(triangles[t])).append(' ')
                        .append(Integer.toString(triangles[t + 1])).append(' ')
                        .append(Integer.toString(triangles[t + 2])).append('\n');
            }
        }
        // flush, not close: the caller owns the stream
        text.flush();
    }

    /** Header bytes read at most before {@code end_header}: ours are a few hundred. */
    private static final int MAX_HEADER = 1 << 16;

    /**
     * Checks that a file is a whole PLY as this class writes it: a header ending in
     * {@code end_header}, then exactly the bytes (binary) or lines (ASCII) its elements declare,
     * faces being triangles. A file cut short by a crash, grown by appending, or from another
     * writer fails.
     *
     * @param file the file
     * @return null when it is whole, else why not (e.g. {@code "has 1200 bytes, its header declares 4811"})
     * @throws IOException if it cannot be read
     */
    public static String problem(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_HEADER);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("end_header\n");
        if (!text.startsWith("ply\n") || end < 0) {
            return "is not a PLY file (no ply ... end_header header)";
        }
        int bodyStart = end + "end_header\n".length();
        boolean ascii = false;
        long bytes = 0;
        long lines = 0;
        long count = -1;
        for (String line : text.substring(0, end).split("\n")) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "format" -> ascii = w.length > 1 && w[1].equals("ascii");
                case "element" -> {
                    count = w.length == 3 ? parseCount(w[2]) : -1;
                    if (count < 0) {
                        return "has a bad element line: " + line;
                    }
                    lines += count;
                }
                case "property" -> {
                    // a triangle: its count, then three indices
                    int size = w.length == 5 && w[1].equals("list") ? size(w[2]) + 3 * size(w[3])
                            : w.length == 3 ? size(w[1]) : -1;
                    if (size <= 0 || count < 0) {
                        return "has a property this writer does not make: " + line;
                    }
                    bytes += count * size;
                }
                default -> {
                    // ply, comment, obj_info
                }
            }
        }
        long length = Files.size(file);
        if (!ascii) {
            long expected = bodyStart + bytes;
            return length == expected ? null
                    : String.format(Locale.ROOT, "has %d bytes, its header declares %d", length, expected);
        }
        long found = 0;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(bodyStart);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        found++;
                    }
                }
            }
        }
        return found == lines ? null
                : String.format(Locale.ROOT, "has %d lines of data, its header declares %d", found, lines);
    }

    private static long parseCount(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The bytes of a PLY scalar type, -1 for an unknown one. */
    private static int size(String type) {
        return switch (type) {
            case "char", "uchar", "int8", "uint8" -> 1;
            case "short", "ushort", "int16", "uint16" -> 2;
            case "int", "uint", "float", "int32", "uint32", "float32" -> 4;
            case "double", "float64" -> 8;
            default -> -1;
        };
    }

    /** Appends three floats from {@code values[from..]}, space-separated. */
    static void floats(StringBuilder line, float[] values, int from) {
        line.append(values[from]).append(' ').append(values[from + 1]).append(' ').append(values[from + 2]);
    }
}
