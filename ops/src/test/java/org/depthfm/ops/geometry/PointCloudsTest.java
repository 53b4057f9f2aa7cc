package org.depthfm.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class PointCloudsTest {
    private static final Projection PIXELS = Projection.metric(Orthographic.pixels());

    @Test
    void constantDepthUnderAPinholeIsAPlaneOfTheExpectedExtent() {
        // 40x30 px, f = 50 px, centred; Z = 2: X = (i + 0.5 - 20) * 2 / 50 runs from -0.78 to 0.78,
        // Y = (j + 0.5 - 15) * 2 / 50 from -0.58 to 0.58, in steps of 0.04
        Pinhole camera = new Pinhole(50, 50, 20, 15);
        PointCloud cloud = PointClouds.build(Surface.of(Depths.of(40, 30, (i, j) -> 2)),
                Projection.metric(camera, "m"));
        assertEquals(1200, cloud.count());
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int p = 0; p < cloud.count(); p++) {
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], cloud.xyz()[3 * p + a]);
                max[a] = Math.max(max[a], cloud.xyz()[3 * p + a]);
            }
            // a plane facing the camera: the normal is -Z
            assertArrayEquals(new float[] {0, 0, -1},
                    new float[] {cloud.normals()[3 * p], cloud.normals()[3 * p + 1], cloud.normals()[3 * p + 2]}, 1e-6f);
        }
        assertArrayEquals(new double[] {-0.78, -0.58, 2}, min, 1e-6);
        assertArrayEquals(new double[] {0.78, 0.58, 2}, max, 1e-6);
        // raster order: the second point is one step to the right of the first
        assertEquals(0.04, cloud.xyz()[3] - cloud.xyz()[0], 1e-6);
        assertNull(cloud.rgb());
        assertNull(cloud.uncertainty());
        assertTrue(!cloud.relative());
    }

    /** A 6x5 image with depth 1 + i + 10 j, NaN at (2, 2), the surface's companions set up by each test. */
    private static RandomAccessibleInterval<FloatType> numbered() {
        return Depths.of(6, 5, (i, j) -> i == 2 && j == 2 ? Double.NaN : 1 + i + 10 * j);
    }

    private static Set<String> positions(PointCloud cloud) {
        Set<String> kept = new HashSet<>();
        for (int p = 0; p < cloud.count(); p++) {
            kept.add((int) cloud.xyz()[3 * p] + "," + (int) cloud.xyz()[3 * p + 1]);
        }
        assertEquals(cloud.count(), kept.size(), "each pixel once");
        return kept;
    }

    private static Set<String> allBut(Set<String> dropped) {
        Set<String> kept = new HashSet<>();
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 6; i++) {
                kept.add(i + "," + j);
            }
        }
        kept.removeAll(dropped);
        return kept;
    }

    @Test
    void masksThresholdAndRangeDropExactlyTheirPixels() {
        RandomAccessibleInterval<UnsignedByteType> mask = ArrayImgs.unsignedBytes(6, 5);
        Views.iterable(mask).forEach(m -> m.set(1));
        Views.hyperSlice(mask, 0, 0).forEach(m -> m.set(0));
        RandomAccessibleInterval<FloatType> uncertainty = Depths.of(6, 5, (i, j) -> j == 4 ? 0.9 : 0.1);
        Surface surface = Surface.of(numbered());

        // NaN alone
        assertEquals(allBut(Set.of("2,2")), positions(PointClouds.build(surface, PIXELS)));
        // the mask drops column 0
        assertEquals(allBut(Set.of("2,2", "0,0", "0,1", "0,2", "0,3", "0,4")),
                positions(PointClouds.build(surface.withMask(mask), PIXELS)));
        // uncertainty 0.9 > 0.5 drops row 4; 0.5 itself would be kept
        GeometryOptions threshold = GeometryOptions.DEFAULTS.withMaxUncertainty(0.5);
        PointCloud uncertain = PointClouds.build(surface.withUncertainty(uncertainty), PIXELS, threshold);
        assertEquals(allBut(Set.of("2,2", "0,4", "1,4", "2,4", "3,4", "4,4", "5,4")), positions(uncertain));
        for (float u : uncertain.uncertainty()) {
            assertEquals(0.1f, u, 0);
        }
        // depths 1 and 2 are below [3, 36], 41..46 above it; the ends are inclusive
        GeometryOptions range = GeometryOptions.DEFAULTS.withDepthRange(3, 36);
        assertEquals(allBut(Set.of("2,2", "0,0", "1,0", "0,4", "1,4", "2,4", "3,4", "4,4", "5,4")),
                positions(PointClouds.build(surface, PIXELS, range)));
        // all at once: the union
        PointCloud all = PointClouds.build(surface.withMask(mask).withUncertainty(uncertainty), PIXELS,
                threshold.withDepthRange(3, 1000));
        assertEquals(allBut(Set.of("2,2", "0,0", "0,1", "0,2", "0,3", "0,4", "1,4", "2,4", "3,4", "4,4", "5,4",
                "1,0")), positions(all));
        assertEquals(18, all.count());

        assertThrows(IllegalArgumentException.class, () -> PointClouds.build(surface, PIXELS, threshold));
        assertThrows(IllegalArgumentException.class, () -> GeometryOptions.DEFAULTS.withDepthRange(2, 1));
    }

    @Test
    void infiniteAndNonPositiveDepthsAreSkipped() {
        RandomAccessibleInterval<FloatType> depth = Depths.of(4, 1, (i, j) -> new double[] {
            Double.POSITIVE_INFINITY, 0, -1, 3}[i]);
        // a pinhole sees only Z > 0; an orthographic camera every finite depth
        assertEquals(1, PointClouds.build(Surface.of(depth), Projection.metric(new Pinhole(1, 1, 2, 0.5), "m")).count());
        assertEquals(3, PointClouds.build(Surface.of(depth), PIXELS).count());
    }

    @Test
    void blocksAverageTheirKeptPixelsAtTheBlockCentre() {
        // 5x3 in blocks of 2: cells 3x2, the last column and row one pixel wide
        RandomAccessibleInterval<FloatType> depth = Depths.of(5, 3, (i, j) -> i == 1 && j == 1 ? Double.NaN : 1 + i + 10 * j);
        RandomAccessibleInterval<FloatType> red = Depths.of(5, 3, (i, j) -> 10 * i);
        RandomAccessibleInterval<FloatType> green = Depths.of(5, 3, (i, j) -> 100 * j);
        RandomAccessibleInterval<FloatType> blue = Depths.of(5, 3, (i, j) -> 255);
        PointCloud cloud = PointClouds.build(Surface.of(depth).withColour(red, green, blue), PIXELS,
                GeometryOptions.DEFAULTS.withBlockSize(2).withNormals(false));
        assertEquals(6, cloud.count());
        assertNull(cloud.normals());
        // block (0,0): depths 1, 2, 11 (12 is NaN), mean 14/3, at (0.5, 0.5); red (0+10+0)/3 -> 3,
        // green (0+0+100)/3 -> 33
        // block (1,0): 3, 4, 13, 14 -> 8.5 at (2.5, 0.5); block (2,0): 5, 15 -> 10 at (4, 0.5)
        // row 1 is pixel row 2 alone: 21, 22 -> 21.5 at (0.5, 2); 23, 24 -> 23.5; 25 at (4, 2)
        assertArrayEquals(new float[] {0.5f, 0.5f, 14 / 3f, 2.5f, 0.5f, 8.5f, 4, 0.5f, 10, 0.5f, 2, 21.5f, 2.5f, 2,
            23.5f, 4, 2, 25}, cloud.xyz(), 1e-6f);
        int[] rgb = new int[cloud.rgb().length];
        for (int k = 0; k < rgb.length; k++) {
            rgb[k] = Byte.toUnsignedInt(cloud.rgb()[k]);
        }
        // red means: 10/3, (20+30+20+30)/4, 40; (0+10)/2, 25, 40; green: 100/3, 50, 50; 200 ...
        assertArrayEquals(new int[] {3, 33, 255, 25, 50, 255, 40, 50, 255, 5, 200, 255, 25, 200, 255, 40, 200, 255},
                rgb);
    }

    @Test
    void colourFromAChannelAxisIsClampedToBytes() {
        RandomAccessibleInterval<FloatType> rgb = ArrayImgs.floats(new float[] {300, -5, Float.NaN, 200.4f, 7,
            7.5f}, 2, 1, 3);
        PointCloud cloud = PointClouds.build(Surface.of(Depths.of(2, 1, (i, j) -> 1)).withColour(rgb), PIXELS);
        // pixel 0: red 300 -> 255, green NaN -> 0, blue 7; pixel 1: red -5 -> 0, green 200.4 -> 200, blue 7.5 -> 8
        assertArrayEquals(new byte[] {(byte) 255, 0, 7, 0, (byte) 200, 8}, cloud.rgb());
        assertThrows(IllegalArgumentException.class,
                () -> Surface.of(Depths.of(2, 1, (i, j) -> 1)).withColour(ArrayImgs.floats(2, 1, 4)));
    }

    @Test
    void relativeDepthIsScaledAndFlagged() {
        // depths 0..1 over 8 px: z = 0.5 * 8 / 1 * depth = 4 * depth pixels
        RandomAccessibleInterval<FloatType> depth = Depths.of(8, 2, (i, j) -> i / 7.0);
        PointCloud cloud = PointClouds.build(Surface.of(depth), Projection.relative(depth));
        assertTrue(cloud.relative());
        assertEquals(0, cloud.xyz()[2], 0);
        assertEquals(4, cloud.xyz()[3 * 7 + 2], 1e-6);
        assertEquals(4 * 3 / 7.0, cloud.xyz()[3 * 3 + 2], 1e-6);
    }
}
