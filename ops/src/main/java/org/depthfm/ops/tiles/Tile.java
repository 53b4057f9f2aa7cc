package org.depthfm.ops.tiles;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;

/**
 * One tile of a {@link TileLayout}: a rectangle of the image, in zero-based image pixels.
 *
 * @param x0 the first column, at least 0
 * @param y0 the first row, at least 0
 * @param width the number of columns, at least 1
 * @param height the number of rows, at least 1
 */
public record Tile(long x0, long y0, long width, long height) {

    /**
     * Checks the rectangle.
     *
     * @throws IllegalArgumentException if the origin is negative or the size not positive
     */
    public Tile {
        if (x0 < 0 || y0 < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("a tile needs an origin of at least (0, 0) and a size of at least "
                    + "1x1, not (" + x0 + ", " + y0 + ") " + width + "x" + height);
        }
    }

    /**
     * The tile as an ImgLib2 interval of the image, for {@code Views.interval(image, tile.interval())}.
     *
     * @return the interval from {@code (x0, y0)} of size {@code width x height}
     */
    public Interval interval() {
        return FinalInterval.createMinSize(x0, y0, width, height);
    }
}
