package org.depthfm.ops.geometry.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

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

    /** Appends three floats from {@code values[from..]}, space-separated. */
    static void floats(StringBuilder line, float[] values, int from) {
        line.append(values[from]).append(' ').append(values[from + 1]).append(' ').append(values[from + 2]);
    }
}
