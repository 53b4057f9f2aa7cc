package org.depthfm.ops.geometry;

/**
 * A depth image as a triangle mesh on its pixel grid (or block grid, {@link GeometryOptions#blockSize()}).
 * Each 2x2 cell of neighbours {@code a = (i, j)}, {@code b = (i+1, j)}, {@code c = (i, j+1)},
 * {@code d = (i+1, j+1)} gives the triangles {@code (a, c, b)} and {@code (b, c, d)}, wound so
 * their right-hand normals face the camera. A triangle is dropped when a corner is not kept (NaN,
 * masked, filtered) or when it spans a depth discontinuity: {@link Camera#jump} of its nearest
 * and farthest corner above {@link GeometryOptions#maxRelativeJump()} (pinhole:
 * {@code max(z)/min(z) - 1}; orthographic: the depth span over the surface's depth range).
 * Vertices are shared between triangles, in raster order; vertices no triangle uses are removed.
 */
public final class Meshes {
    private static final byte FIRST = 1;
    private static final byte SECOND = 2;

    private Meshes() {
    }

    /**
     * The mesh of every pixel with the default options.
     *
     * @param surface the depth and its companions
     * @param projection the camera and depth scale
     * @return the mesh
     * @throws IllegalArgumentException as {@link #build(Surface, Projection, GeometryOptions)}
     */
    public static Mesh build(Surface surface, Projection projection) {
        return build(surface, projection, GeometryOptions.DEFAULTS);
    }

    /**
     * The mesh of the kept pixels or blocks.
     *
     * @param surface the depth and its companions
     * @param projection the camera and depth scale
     * @param options the filters, block size, discontinuity threshold and whether to compute normals
     * @return the mesh, at most {@code 2 (w-1)(h-1)} triangles for {@code w x h} cells
     * @throws IllegalArgumentException if an uncertainty threshold is set without an uncertainty
     *         image, or the mesh would be too large for arrays
     */
    public static Mesh build(Surface surface, Projection projection, GeometryOptions options) {
        Grid grid = Grid.of(surface, projection, options);
        int w = grid.width;
        int[] index = new int[w * grid.height];
        byte[] kept = new byte[index.length];
        long triangles = 0;
        for (int j = 0; j + 1 < grid.height; j++) {
            for (int i = 0; i + 1 < w; i++) {
                int a = j * w + i;
                kept[a] = (byte) ((keeps(grid, a, a + w, a + 1, options) ? FIRST : 0)
                        | (keeps(grid, a + 1, a + w, a + w + 1, options) ? SECOND : 0));
                triangles += Integer.bitCount(kept[a]);
                // mark the used corners (index is 0 or 1 until the numbering below)
                if ((kept[a] & FIRST) != 0) {
                    index[a] = 1;
                }
                if (kept[a] != 0) {
                    index[a + 1] = 1;
                    index[a + w] = 1;
                }
                if ((kept[a] & SECOND) != 0) {
                    index[a + w + 1] = 1;
                }
            }
        }
        if (3 * triangles > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the mesh would have " + triangles + " triangles, over what arrays hold;"
                    + " use a larger block size (GeometryOptions.withBlockSize)");
        }
        int count = 0;
        for (int cell = 0; cell < index.length; cell++) {
            index[cell] = index[cell] != 0 ? count++ : -1;
        }
        int[] corners = new int[(int) (3 * triangles)];
        int t = 0;
        for (int a = 0; a < kept.length; a++) {
            if ((kept[a] & FIRST) != 0) {
                corners[t++] = index[a];
                corners[t++] = index[a + w];
                corners[t++] = index[a + 1];
            }
            if ((kept[a] & SECOND) != 0) {
                corners[t++] = index[a + 1];
                corners[t++] = index[a + w];
                corners[t++] = index[a + w + 1];
            }
        }
        return new Mesh(grid.cloud(index, count, options.normals()), corners);
    }

    private static boolean keeps(Grid grid, int a, int b, int c, GeometryOptions options) {
        if (!grid.valid(a) || !grid.valid(b) || !grid.valid(c)) {
            return false;
        }
        double near = Math.min(grid.z(a), Math.min(grid.z(b), grid.z(c)));
        double far = Math.max(grid.z(a), Math.max(grid.z(b), grid.z(c)));
        return grid.projection.camera().jump(near, far, grid.zRange()) <= options.maxRelativeJump();
    }
}
