package org.depthfm.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;

class NormalsTest {

    private static double[] normalAt(RandomAccessibleInterval<FloatType> normals, int i, int j) {
        RandomAccess<FloatType> a = normals.randomAccess();
        double[] n = new double[3];
        for (int c = 0; c < 3; c++) {
            n[c] = a.setPositionAndGet(i, j, c).getRealDouble();
        }
        return n;
    }

    private static double[] unit(double x, double y, double z) {
        double l = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / l, y / l, z / l};
    }

    /** The angle between two vectors, by atan2 of |n x m| and n . m (acos loses small angles to rounding). */
    private static double angle(double[] n, double[] m) {
        double x = n[1] * m[2] - n[2] * m[1];
        double y = n[2] * m[0] - n[0] * m[2];
        double z = n[0] * m[1] - n[1] * m[0];
        return Math.atan2(Math.sqrt(x * x + y * y + z * z), n[0] * m[0] + n[1] * m[1] + n[2] * m[2]);
    }

    @Test
    void tiltedPlaneUnderAPinholeHasThePlaneNormal() {
        // Z = a X + b Y + c, i.e. a X + b Y - Z + c = 0: normal (a, b, -1), which faces the camera
        // at the origin (negative Z). Central and one-sided differences of points on a plane lie
        // in the plane, so only the float depth's rounding (about 1e-7 relative) is left.
        double a = 0.3;
        double b = -0.2;
        Pinhole camera = Pinhole.fromHorizontalFieldOfView(60, 64, 48);
        RandomAccessibleInterval<FloatType> depth = Depths.tiltedPlane(64, 48, camera, a, b, 5);
        RandomAccessibleInterval<FloatType> normals = ArrayImgs.floats(64, 48, 3);
        Normals.normals(depth, Projection.metric(camera, "m"), normals);
        double[] expected = unit(a, b, -1);
        double worst = 0;
        for (int j = 0; j < 48; j++) {
            for (int i = 0; i < 64; i++) {
                worst = Math.max(worst, angle(normalAt(normals, i, j), expected));
            }
        }
        assertTrue(worst < 1e-4, "largest angle to the plane normal " + worst + " rad");
    }

    @Test
    void tiltedPlaneUnderAnOrthographicCameraEvenInBlocks() {
        // z = a x + b y + c with x = 0.5 i, y = 0.25 j: normal (a, b, -1); a block's mean depth is
        // the plane's depth at the block's centre, so blocks of 3 (partial at the edges) keep it
        double a = -0.8;
        double b = 1.5;
        Orthographic camera = new Orthographic(0.5, 0.25, "µm");
        RandomAccessibleInterval<FloatType> depth = Depths.of(10, 7, (i, j) -> a * 0.5 * i + b * 0.25 * j + 2);
        double[] expected = unit(a, b, -1);
        for (int block : new int[] {1, 3}) {
            int w = (10 + block - 1) / block;
            int h = (7 + block - 1) / block;
            RandomAccessibleInterval<FloatType> normals = ArrayImgs.floats(w, h, 3);
            Normals.normals(Surface.of(depth), Projection.metric(camera), GeometryOptions.DEFAULTS.withBlockSize(block),
                    normals);
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    double err = angle(normalAt(normals, i, j), expected);
                    assertTrue(err < 1e-5, "block " + block + " cell " + i + "," + j + ": " + err + " rad");
                }
            }
        }
    }

    @Test
    void sphereNormalsAreRadial() {
        // central differences err by about h^2 P''' / 6: the error shrinks fourfold when the pixel
        // footprint h halves, and grows toward the rim, where the footprint stretches (at 96 px:
        // 4.8e-4 rad within 30 degrees, 4.4e-3 within 60; at 192 px 1.1e-3 within 60, a ratio of 4.1)
        double facing = sphereError(96, 30);
        double oblique = sphereError(96, 60);
        double finer = sphereError(192, 60);
        assertTrue(facing < 1e-3, "within 30 degrees of facing the camera: " + facing + " rad");
        assertTrue(oblique < 1e-2, "within 60 degrees: " + oblique + " rad");
        assertTrue(finer < oblique / 3, "second order: " + oblique + " rad at 96 px, " + finer + " at 192 px");
    }

    /**
     * The largest angle between the computed and the radial normal of a sphere of radius 3 about
     * (0.2, -0.1, 10) seen by a camera of 60 degrees, over the pixels whose four neighbours are on
     * the sphere and whose surface is within {@code maxTilt} degrees of facing the camera. The
     * depth is the near intersection of each ray {@code t r} with {@code |t r - C| = R}, the normal
     * there {@code (P - C) / R}.
     */
    private static double sphereError(int size, double maxTilt) {
        double[] centre = {0.2, -0.1, 10};
        double radius = 3;
        Pinhole camera = Pinhole.fromHorizontalFieldOfView(60, size, size);
        double[][] hit = new double[size * size][];
        RandomAccessibleInterval<FloatType> depth = Depths.of(size, size, (i, j) -> {
            double[] r = {(i + 0.5 - camera.cx()) / camera.fx(), (j + 0.5 - camera.cy()) / camera.fy(), 1};
            double rc = r[0] * centre[0] + r[1] * centre[1] + r[2] * centre[2];
            double rr = r[0] * r[0] + r[1] * r[1] + 1;
            double cc = centre[0] * centre[0] + centre[1] * centre[1] + centre[2] * centre[2];
            double disc = rc * rc - rr * (cc - radius * radius);
            if (disc <= 0) {
                return Double.NaN;
            }
            double t = (rc - Math.sqrt(disc)) / rr;
            hit[j * size + i] = new double[] {t * r[0], t * r[1], t * r[2]};
            return t;
        });
        RandomAccessibleInterval<FloatType> normals = ArrayImgs.floats(size, size, 3);
        Normals.normals(depth, Projection.metric(camera, "m"), normals);
        int tested = 0;
        double worst = 0;
        for (int j = 1; j + 1 < size; j++) {
            for (int i = 1; i + 1 < size; i++) {
                int k = j * size + i;
                double[] p = hit[k];
                if (p == null || hit[k - 1] == null || hit[k + 1] == null || hit[k - size] == null
                        || hit[k + size] == null) {
                    continue;
                }
                double[] radial = unit(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
                if (angle(radial, unit(-p[0], -p[1], -p[2])) > Math.toRadians(maxTilt)) {
                    continue;
                }
                tested++;
                worst = Math.max(worst, angle(normalAt(normals, i, j), radial));
            }
        }
        assertTrue(tested > 300, tested + " pixels tested");
        return worst;
    }

    @Test
    void normalMapEncodesTheViewerFrameAndBlackWhereThereIsNone() {
        // a plane facing the camera is (128, 128, 255); NaN pixels and an isolated pixel have no normal
        RandomAccessibleInterval<FloatType> depth = Depths.of(6, 5, (i, j) -> j == 4 && i != 2 ? Double.NaN
                : j == 3 && i == 2 ? Double.NaN : 3);
        RandomAccessibleInterval<UnsignedByteType> map = ArrayImgs.unsignedBytes(6, 5, 3);
        Normals.normalMap(depth, Projection.metric(new Pinhole(5, 5, 3, 2.5), "m"), map);
        RandomAccess<UnsignedByteType> a = map.randomAccess();
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 6; i++) {
                // (2, 4) is kept but has no neighbour in its column: no normal
                boolean none = j == 4 || (j == 3 && i == 2);
                int[] expected = none ? new int[] {0, 0, 0} : new int[] {128, 128, 255};
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[c], a.setPositionAndGet(i, j, c).get(), "pixel " + i + "," + j + " channel " + c);
                }
            }
        }
        RandomAccessibleInterval<FloatType> normals = ArrayImgs.floats(6, 5, 3);
        Normals.normals(depth, Projection.metric(new Pinhole(5, 5, 3, 2.5), "m"), normals);
        assertTrue(Double.isNaN(normalAt(normals, 2, 4)[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Normals.normalMap(depth, Projection.metric(Orthographic.pixels()), ArrayImgs.unsignedBytes(6, 5)));
    }

    @Test
    void normalMapOfATiltedPlane() {
        // normal (a, b, -1)/|.| in the camera frame is (a, -b, 1)/|.| in the viewer frame
        double a = 0.6;
        double b = 0.4;
        RandomAccessibleInterval<FloatType> depth = Depths.of(4, 4, (i, j) -> a * i + b * j + 10);
        RandomAccessibleInterval<UnsignedByteType> map = ArrayImgs.unsignedBytes(4, 4, 3);
        Normals.normalMap(depth, Projection.metric(Orthographic.pixels()), map);
        double[] m = unit(a, -b, 1);
        RandomAccess<UnsignedByteType> r = map.randomAccess();
        for (int c = 0; c < 3; c++) {
            assertEquals((m[c] + 1) / 2 * 255, r.setPositionAndGet(1, 2, c).get(), 0.5 + 1e-6);
        }
    }
}
