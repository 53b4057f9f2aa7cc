package org.depthfm.ops.geometry;

/**
 * An indexed triangle mesh: shared vertices and three zero-based vertex indices per triangle,
 * wound counter-clockwise as seen from the camera, so the right-hand normal
 * {@code (b - a) x (c - a)} of each triangle faces the camera. Every vertex is used by a triangle.
 *
 * @param vertices the vertices with their colours, normals and uncertainty
 * @param triangles {@code a, b, c} per triangle, {@code 3 * triangleCount}
 */
public record Mesh(PointCloud vertices, int[] triangles) {

    /**
     * Checks the indices.
     *
     * @param vertices the vertices with their colours, normals and uncertainty
     * @param triangles {@code a, b, c} per triangle, {@code 3 * triangleCount}
     * @throws IllegalArgumentException if a part is missing, the index count is not a multiple of 3
     *         or an index is outside the vertices
     */
    public Mesh {
        if (vertices == null || triangles == null || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("a mesh needs vertices and 3 indices per triangle");
        }
        int count = vertices.count();
        for (int index : triangles) {
            if (index < 0 || index >= count) {
                throw new IllegalArgumentException("triangle index " + index + " is outside the " + count
                        + " vertices");
            }
        }
    }

    /** @return the number of triangles */
    public int triangleCount() {
        return triangles.length / 3;
    }
}
