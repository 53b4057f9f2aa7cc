package org.depthfm.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CamerasTest {

    @Test
    void focalLengthInMillimetres() {
        // 50 mm on a 36 mm wide sensor, 6000 px across: 50 / 36 * 6000 px
        Pinhole camera = Pinhole.fromFocalLength(50, 36, 6000, 4000);
        assertEquals(new Pinhole(8333.333333333334, 8333.333333333334, 3000, 2000), camera);
    }

    @Test
    void thirtyFiveMillimetreEquivalentByTheDiagonal() {
        // 36x24 mm diagonal sqrt(1872) = 43.2666153 mm; a 4000x3000 image has a 5000 px diagonal:
        // f = 50 / 43.2666153 * 5000 = 5778.127044 px
        Pinhole camera = Pinhole.from35mmEquivalent(50, 4000, 3000);
        assertEquals(5778.127044, camera.fx(), 1e-6);
        assertEquals(camera.fx(), camera.fy(), 0);
        assertEquals(2000, camera.cx(), 0);
        assertEquals(1500, camera.cy(), 0);
        assertEquals(43.266615305567875, Pinhole.FULL_FRAME_DIAGONAL_MM, 1e-12);
    }

    @Test
    void horizontalFieldOfView() {
        // 90 degrees: half the width over tan 45 = 320 px; 60 degrees over 100 px: 50 / tan 30 = 50 sqrt 3
        assertEquals(320, Pinhole.fromHorizontalFieldOfView(90, 640, 480).fx(), 1e-12);
        assertEquals(86.60254037844386, Pinhole.fromHorizontalFieldOfView(60, 100, 50).fy(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Pinhole.fromHorizontalFieldOfView(180, 100, 50));
        assertThrows(IllegalArgumentException.class, () -> Pinhole.fromFocalLength(0, 36, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> Pinhole.from35mmEquivalent(50, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Pinhole(Double.NaN, 1, 0, 0));
    }

    @Test
    void pinholeBackProjectsPixelCentres() {
        // pixel (0, 0) has its centre at (0.5, 0.5); with cx = w/2 the image is symmetric about X = 0
        Pinhole camera = new Pinhole(100, 50, 2, 1);
        double[] p = new double[3];
        camera.backProject(0, 0, 4, p);
        assertArrayEquals(new double[] {(0.5 - 2) * 4 / 100, (0.5 - 1) * 4 / 50.0, 4}, p, 1e-15);
        camera.backProject(3, 1, 4, p);
        assertArrayEquals(new double[] {(3.5 - 2) * 4 / 100, (1.5 - 1) * 4 / 50.0, 4}, p, 1e-15);
        assertFalse(camera.sees(0));
        assertTrue(camera.sees(1e-9));
        assertEquals(0.5, camera.jump(2, 3, 99), 1e-15);
    }

    @Test
    void orthographicIsCalibratedImageJCoordinates() {
        Orthographic camera = new Orthographic(0.25, 0.5, "µm");
        double[] p = new double[3];
        camera.backProject(3, 2, -7, p);
        assertArrayEquals(new double[] {0.75, 1.0, -7}, p, 0);
        assertTrue(camera.sees(-7));
        assertEquals(0.25, camera.jump(-1, 1, 8), 0);
        assertEquals(0, camera.jump(3, 3, 0), 0);
        assertThrows(IllegalArgumentException.class, () -> new Orthographic(0, 1, "µm"));
        assertThrows(IllegalArgumentException.class, () -> new Orthographic(1, 1, "m\ncomment x"));
    }

    @Test
    void relativeDepthSpansHalfTheWidthByDefault() {
        // depths 2..6 over a 40 px wide image: 0.5 * 40 / 4 = 5 px per depth unit
        assertEquals(5, Projection.relativeZScale(2, 6, 40, Projection.DEFAULT_RELATIVE_FRACTION), 0);
        assertEquals(1, Projection.relativeZScale(3, 3, 40, 0.5), 0);
        Projection relative = Projection.relative(Depths.of(40, 10, (i, j) -> i == 0 ? Double.NaN : 2 + i / 39.0 * 4));
        assertEquals(40 * 0.5 / (4 - 4 / 39.0), relative.zScale(), 1e-5);
        assertTrue(relative.relative());
        assertEquals(Orthographic.pixels(), relative.camera());
        assertTrue(relative.describe().contains("relative depth"));
        assertFalse(Projection.metric(Orthographic.pixels()).relative());
        assertThrows(IllegalArgumentException.class, () -> Projection.relativeZScale(1, 2, 10, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Projection(new Orthographic(1, 1, "mm"), 1, "m", false));
        assertThrows(IllegalArgumentException.class, () -> Projection.relative(Depths.of(3, 3, (i, j) -> Double.NaN)));
    }
}
