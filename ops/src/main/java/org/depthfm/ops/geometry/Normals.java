package org.depthfm.ops.geometry;

import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * Surface normals from depth gradients under a camera: {@code n = normalize(dP/du x dP/dv)}
 * oriented toward the camera, where {@code P} is the back-projected point and the derivatives are
 * central differences of the neighbours' points (one-sided where a neighbour is not kept). A
 * pixel with no kept neighbour along its row or its column, or not kept itself (NaN, infinite,
 * unseen, masked), has no normal. The same normals are those of {@link PointClouds} and
 * {@link Meshes}.
 *
 * <p>Targets are {@code (X, Y, 3)} images of the surface's cell grid (the depth's size for block
 * size 1), read from their own minimum.
 */
public final class Normals {
    private Normals() {
    }

    /**
     * Unit normals of every pixel of a depth image.
     *
     * @param <T> the depth's pixel type
     * @param depth the depth, a 2D (X, Y) image
     * @param projection the camera and depth scale
     * @param target nx, ny, nz in the camera frame along the last axis, {@code (X, Y, 3)}; NaN where
     *        a pixel has no normal
     * @throws IllegalArgumentException if the depth is not 2D or the target's size does not fit
     */
    public static <T extends RealType<T>> void normals(RandomAccessibleInterval<T> depth, Projection projection,
            RandomAccessibleInterval<FloatType> target) {
        normals(Surface.of(depth), projection, GeometryOptions.DEFAULTS, target);
    }

    /**
     * Unit normals of the kept cells of a surface.
     *
     * @param surface the depth, with a mask or uncertainty to filter by
     * @param projection the camera and depth scale
     * @param options the filters and block size
     * @param target nx, ny, nz in the camera frame along the last axis, {@code (X, Y, 3)} of the cell
     *        grid; NaN where a cell has no normal
     * @throws IllegalArgumentException if the target's size does not fit, or as
     *         {@link PointClouds#build(Surface, Projection, GeometryOptions)}
     */
    public static void normals(Surface surface, Projection projection, GeometryOptions options,
            RandomAccessibleInterval<FloatType> target) {
        write(Grid.of(surface, projection, options), target, (n, out, c) -> out.setReal(n == null ? Float.NaN : n[c]));
    }

    /**
     * A normal map of a depth image: {@code round((m + 1) / 2 * 255)} per channel, where
     * {@code m = (nx, -ny, -nz)} is the normal in the frame normal maps use (X right, Y up, Z toward
     * the viewer), so a surface facing the camera is {@code (128, 128, 255)}, light blue; black
     * {@code (0, 0, 0)}, which no unit normal gives, where a pixel has no normal.
     *
     * @param <T> the depth's pixel type
     * @param depth the depth, a 2D (X, Y) image
     * @param projection the camera and depth scale
     * @param target red, green, blue along the last axis, {@code (X, Y, 3)}
     * @throws IllegalArgumentException if the depth is not 2D or the target's size does not fit
     */
    public static <T extends RealType<T>> void normalMap(RandomAccessibleInterval<T> depth, Projection projection,
            RandomAccessibleInterval<UnsignedByteType> target) {
        normalMap(Surface.of(depth), projection, GeometryOptions.DEFAULTS, target);
    }

    /**
     * A normal map of the kept cells of a surface, encoded as
     * {@link #normalMap(RandomAccessibleInterval, Projection, RandomAccessibleInterval)}.
     *
     * @param surface the depth, with a mask or uncertainty to filter by
     * @param projection the camera and depth scale
     * @param options the filters and block size
     * @param target red, green, blue along the last axis, {@code (X, Y, 3)} of the cell grid
     * @throws IllegalArgumentException if the target's size does not fit, or as
     *         {@link PointClouds#build(Surface, Projection, GeometryOptions)}
     */
    public static void normalMap(Surface surface, Projection projection, GeometryOptions options,
            RandomAccessibleInterval<UnsignedByteType> target) {
        write(Grid.of(surface, projection, options), target,
                (n, out, c) -> out.set(n == null ? 0 : (int) Math.round(((c == 0 ? 1 : -1) * n[c] + 1) / 2 * 255)));
    }

    /** How one channel of a normal, or of none ({@code n == null}), is written. */
    private interface Channel<P> {
        void set(double[] n, P out, int channel);
    }

    private static <P extends RealType<P>> void write(Grid grid, RandomAccessibleInterval<P> target,
            Channel<P> channel) {
        if (target.numDimensions() != 3 || target.dimension(0) != grid.width || target.dimension(1) != grid.height
                || target.dimension(2) != 3) {
            throw new IllegalArgumentException("the normals' target must be " + grid.width + "x" + grid.height
                    + "x3 (the depth's cells, then nx, ny, nz or red, green, blue) but is " + Checks.size(target)
                    + "; allocate it as ArrayImgs of that size");
        }
        RandomAccessibleInterval<P> zeroMin = Views.zeroMin(target);
        List<Cursor<P>> channels = List.of(Views.flatIterable(Views.hyperSlice(zeroMin, 2, 0))
                .cursor(), Views.flatIterable(Views.hyperSlice(zeroMin, 2, 1)).cursor(),
                Views.flatIterable(Views.hyperSlice(zeroMin, 2, 2)).cursor());
        double[] n = new double[3];
        for (int j = 0; j < grid.height; j++) {
            for (int i = 0; i < grid.width; i++) {
                boolean defined = grid.normal(i, j, n);
                for (int c = 0; c < 3; c++) {
                    channel.set(defined ? n : null, channels.get(c).next(), c);
                }
            }
        }
    }
}
