package org.depthfm.ops.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic layout of overlapping, equal-size tiles that covers a whole image.
 *
 * <p>On each axis the tiles have the tile size (or the image's size where the image is smaller, in
 * which case one tile spans that axis) and start every {@code tileSize - overlap} pixels from 0.
 * The last tile is shifted inward so that it ends at the image's edge, rather than shrunk: every
 * tile then has the size the predictor expects, and it overlaps its neighbour by at least
 * {@code overlap} pixels (more where it was shifted). {@link #tiles()} lists them row by row, left
 * to right, then top to bottom.
 *
 * @param width the image's width, at least 1
 * @param height the image's height, at least 1
 * @param tileSize the tiles' width and height, at least 1
 * @param overlap how many pixels neighbouring tiles share at least, from 0 to {@code tileSize - 1};
 *        it is also the width of the blending ramps ({@link TileWeights})
 */
public record TileLayout(long width, long height, int tileSize, int overlap) {

    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if a size is not positive, or the overlap is negative or not
     *         less than the tile size
     */
    public TileLayout {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the image must be at least 1x1 pixel to be tiled, not " + width + "x"
                    + height);
        }
        if (tileSize < 1) {
            throw new IllegalArgumentException("the tile size must be at least 1 pixel, not " + tileSize
                    + "; use the model's processing size, e.g. 768");
        }
        if (overlap < 0 || overlap >= tileSize) {
            throw new IllegalArgumentException("the overlap must be from 0 to the tile size - 1 (" + (tileSize - 1)
                    + " px), not " + overlap + " px; use a fraction of the tile, e.g. tileSize / 8");
        }
    }

    /**
     * A layout whose overlap is a fraction of the tile size, rounded to whole pixels.
     *
     * @param width the image's width, at least 1
     * @param height the image's height, at least 1
     * @param tileSize the tiles' width and height, at least 1
     * @param overlapFraction the overlap as a fraction of the tile size, at least 0 and less than 1
     * @return the layout with {@code overlap = round(overlapFraction * tileSize)}
     * @throws IllegalArgumentException if the fraction is outside [0, 1) or rounds to the whole
     *         tile, or a size is not positive
     */
    public static TileLayout withOverlapFraction(long width, long height, int tileSize, double overlapFraction) {
        if (!(overlapFraction >= 0 && overlapFraction < 1)) {
            throw new IllegalArgumentException("the overlap fraction must be at least 0 and less than 1, not "
                    + overlapFraction + "; e.g. 0.125 for an eighth of the tile");
        }
        return new TileLayout(width, height, tileSize, (int) Math.round(overlapFraction * tileSize));
    }

    /**
     * The tiles, row by row.
     *
     * @return one tile where the image fits in a tile, otherwise the grid of overlapping tiles;
     *         every tile lies inside the image and together they cover it
     */
    public List<Tile> tiles() {
        long[] xs = starts(width);
        long[] ys = starts(height);
        long w = Math.min(tileSize, width);
        long h = Math.min(tileSize, height);
        List<Tile> tiles = new ArrayList<>(Math.multiplyExact(xs.length, ys.length));
        for (long y : ys) {
            for (long x : xs) {
                tiles.add(new Tile(x, y, w, h));
            }
        }
        return List.copyOf(tiles);
    }

    /**
     * Checks that a tile lies inside the image.
     *
     * @param tile the tile
     * @throws IllegalArgumentException if it reaches beyond the image
     */
    void requireInside(Tile tile) {
        if (tile.x0() + tile.width() > width || tile.y0() + tile.height() > height) {
            throw new IllegalArgumentException("the tile at (" + tile.x0() + ", " + tile.y0() + ") of size "
                    + tile.width() + "x" + tile.height() + " reaches beyond the " + width + "x" + height
                    + " image; use the tiles of this layout (tiles())");
        }
    }

    /** The tiles' first pixels along an axis of this length. */
    private long[] starts(long length) {
        if (length <= tileSize) {
            return new long[] {0};
        }
        long stride = tileSize - overlap;
        long last = length - tileSize;
        int n = Math.toIntExact((last + stride - 1) / stride + 1);
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = Math.min(i * stride, last); // only the last one can be shifted inward
        }
        return starts;
    }
}
