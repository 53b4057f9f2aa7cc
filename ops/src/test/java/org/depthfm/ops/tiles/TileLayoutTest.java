package org.depthfm.ops.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileLayoutTest {

    private static long[] distinct(List<Tile> tiles, boolean x) {
        return tiles.stream().mapToLong(x ? Tile::x0 : Tile::y0).distinct().toArray();
    }

    /** Starts worked by hand: every {@code tile - overlap} px, the last one moved to end at the edge. */
    @Test
    void knownSizes() {
        // 1000 = 4 strides of 224 + 104: starts 0, 224, 448, 672 and 1000 - 256 = 744; 700: 0, 224, 700 - 256
        List<Tile> tiles = new TileLayout(1000, 700, 256, 32).tiles();
        assertEquals(15, tiles.size());
        assertEquals(List.of(0L, 224L, 448L, 672L, 744L), LongStream.of(distinct(tiles, true)).boxed().toList());
        assertEquals(List.of(0L, 224L, 444L), LongStream.of(distinct(tiles, false)).boxed().toList());
        // row by row: the first row's five tiles, then the second row
        assertEquals(new Tile(0, 0, 256, 256), tiles.get(0));
        assertEquals(new Tile(744, 0, 256, 256), tiles.get(4));
        assertEquals(new Tile(0, 224, 256, 256), tiles.get(5));
        assertEquals(new Tile(744, 444, 256, 256), tiles.get(14));
        // 1037x613 at 768 / 96: x at 0 and 1037 - 768 = 269; 613 fits, so the tiles are 613 high
        assertEquals(List.of(new Tile(0, 0, 768, 613), new Tile(269, 0, 768, 613)),
                new TileLayout(1037, 613, 768, 96).tiles());
        // exactly two strides: no shifted tile
        assertEquals(List.of(0L, 672L, 1344L),
                LongStream.of(distinct(new TileLayout(2112, 10, 768, 96).tiles(), true)).boxed().toList());
    }

    @ParameterizedTest
    @CsvSource({"768, 768", "100, 50", "1, 1", "768, 1"})
    void anImageThatFitsIsOneTile(long width, long height) {
        assertEquals(List.of(new Tile(0, 0, width, height)), new TileLayout(width, height, 768, 64).tiles());
    }

    /** Every pixel covered, every tile inside and of the same size, neighbours sharing at least the overlap. */
    @ParameterizedTest
    @CsvSource({"1000, 700, 256, 32", "1037, 613, 256, 32", "1037, 613, 768, 96", "257, 1000, 256, 0",
        "300, 120, 100, 99", "4096, 3072, 768, 96", "769, 769, 768, 767"})
    void coversTheImageWithEqualTilesInside(long width, long height, int tileSize, int overlap) {
        TileLayout layout = new TileLayout(width, height, tileSize, overlap);
        List<Tile> tiles = layout.tiles();
        int[] cover = new int[Math.toIntExact(width * height)];
        for (Tile t : tiles) {
            assertEquals(Math.min(tileSize, width), t.width());
            assertEquals(Math.min(tileSize, height), t.height());
            assertTrue(t.x0() >= 0 && t.y0() >= 0 && t.x0() + t.width() <= width && t.y0() + t.height() <= height,
                    t.toString());
            for (long y = t.y0(); y < t.y0() + t.height(); y++) {
                for (long x = t.x0(); x < t.x0() + t.width(); x++) {
                    cover[Math.toIntExact(x + y * width)]++;
                }
            }
        }
        for (int c : cover) {
            assertTrue(c > 0, "a pixel no tile covers");
        }
        for (boolean x : new boolean[] {true, false}) {
            long[] starts = distinct(tiles, x);
            long size = x ? tiles.get(0).width() : tiles.get(0).height();
            for (int i = 1; i < starts.length; i++) {
                assertTrue(starts[i - 1] + size - starts[i] >= overlap, "neighbours share less than the overlap");
                assertTrue(starts[i] > starts[i - 1], "starts must increase");
            }
        }
        assertEquals(tiles, layout.tiles(), "deterministic");
    }

    @Test
    void overlapFractionRoundsToPixels() {
        assertEquals(new TileLayout(10, 10, 768, 96), TileLayout.withOverlapFraction(10, 10, 768, 0.125));
        assertEquals(new TileLayout(10, 10, 100, 33), TileLayout.withOverlapFraction(10, 10, 100, 1.0 / 3));
        assertEquals(0, TileLayout.withOverlapFraction(10, 10, 100, 0).overlap());
    }

    @Test
    void rejectsBadArgumentsWithTheFix() {
        assertMessage(() -> new TileLayout(0, 10, 768, 64), "the image must be at least 1x1 pixel");
        assertMessage(() -> new TileLayout(10, -1, 768, 64), "not 10x-1");
        assertMessage(() -> new TileLayout(10, 10, 0, 0), "the tile size must be at least 1 pixel, not 0");
        assertMessage(() -> new TileLayout(10, 10, 768, 768), "the overlap must be from 0 to the tile size - 1 "
                + "(767 px), not 768 px; use a fraction of the tile");
        assertMessage(() -> new TileLayout(10, 10, 768, -1), "not -1 px");
        assertMessage(() -> TileLayout.withOverlapFraction(10, 10, 768, 1), "the overlap fraction must be at least 0 "
                + "and less than 1, not 1.0");
        assertMessage(() -> TileLayout.withOverlapFraction(10, 10, 768, Double.NaN), "not NaN");
        // 0.9995 of 768 rounds to the whole tile
        assertMessage(() -> TileLayout.withOverlapFraction(10, 10, 768, 0.9995), "not 768 px");
        assertMessage(() -> new Tile(-1, 0, 5, 5), "a tile needs an origin of at least (0, 0)");
        assertMessage(() -> new Tile(0, 0, 5, 0), "not (0, 0) 5x0");
    }

    private static void assertMessage(Runnable bad, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
