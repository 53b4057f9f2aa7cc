package org.depthfm.ops.geometry;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * A surface read once into cells, one per pixel block: each cell's scaled depth {@code z}, mean
 * colour and mean uncertainty over its kept pixels ({@link GeometryOptions} says which), NaN
 * {@code z} where it has none. Points, meshes and normals are all made from it, so they agree on
 * which pixels count. Cell {@code (ci, cj)} sits at the centre of its block. Reads one block row
 * at a time, so the scratch is a row of sums; not thread-safe (its differences share scratch).
 */
final class Grid {
    /** Whole cells the point arrays (3 floats per point) can hold. */
    private static final long MAX_CELLS = (Integer.MAX_VALUE - 8) / 3;

    final int width;
    final int height;
    final Projection projection;
    private final int block;
    private final long pixelWidth;
    private final long pixelHeight;
    private final float[] z;
    private final byte[] rgb;
    private final float[] uncertainty;
    private double zMin = Double.POSITIVE_INFINITY;
    private double zMax = Double.NEGATIVE_INFINITY;
    private final double[] lo = new double[3];
    private final double[] hi = new double[3];
    private final double[] du = new double[3];
    private final double[] dv = new double[3];

    private Grid(Surface surface, Projection projection, int block) {
        this.projection = projection;
        this.block = block;
        pixelWidth = surface.depth().dimension(0);
        pixelHeight = surface.depth().dimension(1);
        long cells = ceilDiv(pixelWidth, block) * ceilDiv(pixelHeight, block);
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException("a " + pixelWidth + "x" + pixelHeight + " depth in blocks of " + block
                    + " gives " + cells + " points, over the " + MAX_CELLS + " an export can hold; use a larger "
                    + "block size (GeometryOptions.withBlockSize)");
        }
        width = (int) ceilDiv(pixelWidth, block);
        height = (int) ceilDiv(pixelHeight, block);
        z = new float[width * height];
        rgb = surface.colour() == null ? null : new byte[3 * width * height];
        uncertainty = surface.uncertainty() == null ? null : new float[width * height];
    }

    /**
     * Reads a surface.
     *
     * @param surface the images
     * @param projection the camera and depth scale
     * @param options the filters and block size
     * @return the cells
     * @throws IllegalArgumentException if an uncertainty threshold is set without an uncertainty
     *         image, or the export would be too large
     */
    static Grid of(Surface surface, Projection projection, GeometryOptions options) {
        if (projection == null || options == null) {
            throw new IllegalArgumentException("an export needs a projection and options (GeometryOptions.DEFAULTS)");
        }
        if (options.maxUncertainty() < Double.POSITIVE_INFINITY && surface.uncertainty() == null) {
            throw new IllegalArgumentException("an uncertainty threshold (" + options.maxUncertainty() + ") needs an "
                    + "uncertainty image; add one with Surface.withUncertainty or leave the threshold at Infinity");
        }
        Grid grid = new Grid(surface, projection, options.blockSize());
        grid.read(surface, options);
        return grid;
    }

    private void read(Surface surface, GeometryOptions options) {
        Cursor<? extends RealType<?>> depth = cursor(surface.depth());
        Cursor<? extends RealType<?>> mask = surface.mask() == null ? null : cursor(surface.mask());
        Cursor<? extends RealType<?>> spread = uncertainty == null ? null : cursor(surface.uncertainty());
        RandomAccessibleInterval<? extends RealType<?>> colour = rgb == null ? null : Views.zeroMin(surface.colour());
        Cursor<? extends RealType<?>> red = colour == null ? null : cursor(Views.hyperSlice(colour, 2, 0));
        Cursor<? extends RealType<?>> green = colour == null ? null : cursor(Views.hyperSlice(colour, 2, 1));
        Cursor<? extends RealType<?>> blue = colour == null ? null : cursor(Views.hyperSlice(colour, 2, 2));
        boolean testUncertainty = options.maxUncertainty() < Double.POSITIVE_INFINITY;
        double[] sums = new double[5 * width];
        int[] counts = new int[width];
        for (long j = 0; j < pixelHeight; j++) {
            for (long i = 0; i < pixelWidth; i++) {
                // every cursor advances at every pixel, kept or not
                double d = depth.next().getRealDouble();
                double keep = mask == null ? 1 : mask.next().getRealDouble();
                double u = spread == null ? 0 : spread.next().getRealDouble();
                RealType<?> r = red == null ? null : red.next();
                RealType<?> g = green == null ? null : green.next();
                RealType<?> b = blue == null ? null : blue.next();
                double scaled = projection.zScale() * d;
                // z is stored as float: a depth that overflows it is dropped like an infinite one
                if (d >= options.minDepth() && d <= options.maxDepth() && Float.isFinite((float) scaled)
                        && projection.camera().sees(scaled) && keep != 0
                        && (!testUncertainty || u <= options.maxUncertainty())) {
                    int k = (int) (i / block);
                    counts[k]++;
                    sums[5 * k] += scaled;
                    sums[5 * k + 1] += u;
                    if (r != null) {
                        sums[5 * k + 2] += byteRange(r.getRealDouble());
                        sums[5 * k + 3] += byteRange(g.getRealDouble());
                        sums[5 * k + 4] += byteRange(b.getRealDouble());
                    }
                }
            }
            if ((j + 1) % block == 0 || j == pixelHeight - 1) {
                storeRow((int) (j / block), sums, counts);
            }
        }
    }

    /** Turns a block row's sums into means, then clears them. */
    private void storeRow(int cj, double[] sums, int[] counts) {
        for (int k = 0; k < width; k++) {
            int cell = cj * width + k;
            int n = counts[k];
            z[cell] = n == 0 ? Float.NaN : (float) (sums[5 * k] / n);
            if (n > 0) {
                zMin = Math.min(zMin, z[cell]);
                zMax = Math.max(zMax, z[cell]);
            }
            if (uncertainty != null) {
                uncertainty[cell] = n == 0 ? Float.NaN : (float) (sums[5 * k + 1] / n);
            }
            if (rgb != null && n > 0) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * cell + c] = (byte) Math.round(sums[5 * k + 2 + c] / n);
                }
            }
        }
        Arrays.fill(sums, 0);
        Arrays.fill(counts, 0);
    }

    /** @return true if the cell has a kept pixel */
    boolean valid(int cell) {
        return !Float.isNaN(z[cell]);
    }

    /** @return the cell's scaled depth, NaN if it has no kept pixel */
    double z(int cell) {
        return z[cell];
    }

    /** @return the depth range over the valid cells, {@code zMax - zMin}; 0 if there are none */
    double zRange() {
        return zMax >= zMin ? zMax - zMin : 0;
    }

    /** Writes a cell's point. */
    void point(int ci, int cj, double[] xyz) {
        projection.camera().backProject(centre(ci, pixelWidth), centre(cj, pixelHeight), z[cj * width + ci], xyz);
    }

    /**
     * The unit normal at a cell toward the camera, {@code normalize(dP/dv x dP/du)}, which is the
     * issue's {@code dP/du x dP/dv} turned around: for any positive depths under a pinhole,
     * {@code (dP/du x dP/dv) . P} is {@code (z+ + z-)(z'+ + z'-) / (fx fy) > 0} times a positive
     * factor, and under an orthographic camera its z is {@code pw * ph > 0}, so the product always
     * faces away and its reverse always toward the camera. Derivatives are central differences of
     * the back-projected neighbours, one-sided where one neighbour is missing.
     *
     * @return false (and {@code n} untouched) where a row or a column has no kept neighbour
     */
    boolean normal(int ci, int cj, double[] n) {
        if (!valid(cj * width + ci) || !difference(ci, cj, 1, 0, du) || !difference(ci, cj, 0, 1, dv)) {
            return false;
        }
        double x = dv[1] * du[2] - dv[2] * du[1];
        double y = dv[2] * du[0] - dv[0] * du[2];
        double w = dv[0] * du[1] - dv[1] * du[0];
        double length = Math.sqrt(x * x + y * y + w * w);
        n[0] = x / length;
        n[1] = y / length;
        n[2] = w / length;
        return true;
    }

    /** The difference of the points after and before a cell along one axis, one-sided at gaps. */
    private boolean difference(int ci, int cj, int di, int dj, double[] out) {
        boolean after = inside(ci + di, cj + dj);
        boolean before = inside(ci - di, cj - dj);
        if (!after && !before) {
            return false;
        }
        point(after ? ci + di : ci, after ? cj + dj : cj, hi);
        point(before ? ci - di : ci, before ? cj - dj : cj, lo);
        for (int a = 0; a < 3; a++) {
            out[a] = hi[a] - lo[a];
        }
        return true;
    }

    private boolean inside(int ci, int cj) {
        return ci >= 0 && cj >= 0 && ci < width && cj < height && valid(cj * width + ci);
    }

    /**
     * The points of some cells.
     *
     * @param index each cell's point index, -1 for cells left out
     * @param count the number of points
     * @param withNormals whether to compute normals
     * @return the points in index order
     */
    PointCloud cloud(int[] index, int count, boolean withNormals) {
        float[] xyz = new float[3 * count];
        byte[] colours = rgb == null ? null : new byte[3 * count];
        float[] normals = withNormals ? new float[3 * count] : null;
        float[] spread = uncertainty == null ? null : new float[count];
        double[] p = new double[3];
        double[] n = new double[3];
        for (int cj = 0; cj < height; cj++) {
            for (int ci = 0; ci < width; ci++) {
                int cell = cj * width + ci;
                int to = index[cell];
                if (to < 0) {
                    continue;
                }
                point(ci, cj, p);
                copy(p, xyz, to);
                if (colours != null) {
                    System.arraycopy(rgb, 3 * cell, colours, 3 * to, 3);
                }
                if (normals != null && normal(ci, cj, n)) {
                    copy(n, normals, to);
                }
                if (spread != null) {
                    spread[to] = uncertainty[cell];
                }
            }
        }
        return new PointCloud(xyz, colours, normals, spread, projection);
    }

    private static void copy(double[] v, float[] to, int point) {
        for (int a = 0; a < 3; a++) {
            to[3 * point + a] = (float) v[a];
        }
    }

    /** The pixel index of a block's centre (fractional for even blocks, shorter at the far edge). */
    private double centre(int cell, long pixels) {
        long first = (long) cell * block;
        return first + (Math.min(block, pixels - first) - 1) / 2.0;
    }

    private static double byteRange(double value) {
        // NaN > 0 is false, so NaN reads as 0
        return value > 0 ? Math.min(value, 255) : 0;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static Cursor<? extends RealType<?>> cursor(RandomAccessibleInterval<? extends RealType<?>> image) {
        return Views.flatIterable(Views.zeroMin(image)).cursor();
    }
}
