package org.depthfm.ops.geometry.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.depthfm.ops.geometry.Mesh;

/**
 * Writes meshes as binary STL: an 80-byte header (the projection's description, cut to fit and
 * never starting with {@code solid}, which some readers take for ASCII STL), the triangle count,
 * then per triangle its unit normal {@code normalize((b - a) x (c - a))} (facing the camera, by the
 * mesh's winding; {@code (0, 0, 0)} for a degenerate triangle), its three corners and a zero
 * attribute word, all little-endian. STL has no colours, vertex normals or uncertainty, and no
 * shared vertices. The stream is flushed, not closed.
 */
public final class Stl {
    private static final int HEADER_BYTES = 80;

    private Stl() {
    }

    /**
     * Writes a mesh.
     *
     * @param mesh the mesh
     * @param out where to write; flushed, not closed
     * @throws IOException if the stream fails
     */
    public static void write(Mesh mesh, OutputStream out) throws IOException {
        byte[] text = mesh.vertices().projection().describe().getBytes(StandardCharsets.UTF_8);
        LittleEndian le = new LittleEndian(out);
        le.bytes(Arrays.copyOf(text, HEADER_BYTES)).int32(mesh.triangleCount());
        float[] xyz = mesh.vertices().xyz();
        int[] corners = mesh.triangles();
        for (int t = 0; t < corners.length; t += 3) {
            int a = 3 * corners[t];
            int b = 3 * corners[t + 1];
            int c = 3 * corners[t + 2];
            double ux = xyz[b] - xyz[a];
            double uy = xyz[b + 1] - xyz[a + 1];
            double uz = xyz[b + 2] - xyz[a + 2];
            double vx = xyz[c] - xyz[a];
            double vy = xyz[c + 1] - xyz[a + 1];
            double vz = xyz[c + 2] - xyz[a + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
            double scale = length > 0 ? 1 / length : 0;
            le.float32((float) (nx * scale)).float32((float) (ny * scale)).float32((float) (nz * scale));
            for (int corner : new int[] {a, b, c}) {
                le.float32(xyz[corner]).float32(xyz[corner + 1]).float32(xyz[corner + 2]);
            }
            le.uint16(0);
        }
        le.flush();
    }
}
