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
 * Writes point clouds and meshes as Wavefront OBJ: a {@code #} comment with the projection's
 * description, one {@code v x y z} per vertex, as {@code v x y z r g b} with colours in 0..1 (the
 * vertex-colour extension MeshLab, Blender and Open3D read) when the points have colours, one
 * {@code vn nx ny nz} per vertex when they have normals, and for a mesh one {@code f} per triangle
 * (1-based, {@code f a//a b//b c//c} with normals). OBJ has no place for the uncertainty, which is
 * left out. UTF-8 text; the stream is flushed, not closed.
 */
public final class Obj {
    private Obj() {
    }

    /**
     * Writes a point cloud (vertices only).
     *
     * @param cloud the points
     * @param out where to write; flushed, not closed
     * @throws IOException if the stream fails
     */
    public static void write(PointCloud cloud, OutputStream out) throws IOException {
        write(cloud, null, out);
    }

    /**
     * Writes a mesh.
     *
     * @param mesh the mesh
     * @param out where to write; flushed, not closed
     * @throws IOException if the stream fails
     */
    public static void write(Mesh mesh, OutputStream out) throws IOException {
        write(mesh.vertices(), mesh.triangles(), out);
    }

    private static void write(PointCloud cloud, int[] triangles, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        text.append("# ").append(cloud.projection().describe()).append('\n');
        StringBuilder line = new StringBuilder(128);
        for (int p = 0; p < cloud.count(); p++) {
            line.setLength(0);
            Ply.floats(line.append("v "), cloud.xyz(), 3 * p);
            if (cloud.rgb() != null) {
                for (int a = 0; a < 3; a++) {
                    line.append(' ').append(Byte.toUnsignedInt(cloud.rgb()[3 * p + a]) / 255f);
                }
            }
            text.append(line).append('\n');
        }
        if (cloud.normals() != null) {
            for (int p = 0; p < cloud.count(); p++) {
                line.setLength(0);
                Ply.floats(line.append("vn "), cloud.normals(), 3 * p);
                text.append(line).append('\n');
            }
        }
        if (triangles != null) {
            for (int t = 0; t < triangles.length; t += 3) {
                line.setLength(0);
                line.append('f');
                for (int c = 0; c < 3; c++) {
                    int vertex = triangles[t + c] + 1;
                    line.append(' ').append(vertex);
                    if (cloud.normals() != null) {
                        line.append("//").append(vertex);
                    }
                }
                text.append(line).append('\n');
            }
        }
        // flush, not close: the caller owns the stream
        text.flush();
    }
}
