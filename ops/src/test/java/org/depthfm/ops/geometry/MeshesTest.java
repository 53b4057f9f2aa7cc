package org.depthfm.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;

class MeshesTest {
    private static final Projection PINHOLE = Projection.metric(new Pinhole(10, 10, 5, 3), "m");

    private static float z(Mesh mesh, int t, int corner) {
        return mesh.vertices().xyz()[3 * mesh.triangles()[3 * t + corner] + 2];
    }

    /** The right-hand normal (b - a) x (c - a) of a triangle, and its first corner. */
    private static double[][] normalAndCorner(Mesh mesh, int t) {
        float[] p = mesh.vertices().xyz();
        int a = 3 * mesh.triangles()[3 * t];
        int b = 3 * mesh.triangles()[3 * t + 1];
        int c = 3 * mesh.triangles()[3 * t + 2];
        double[] u = {p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]};
        double[] v = {p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]};
        return new double[][] {{u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]},
            {p[a], p[a + 1], p[a + 2]}};
    }

    @Test
    void aDepthStepIsLeftOpen() {
        // 10x6: columns 0-4 at Z = 1, 5-9 at Z = 2 (a jump of 100%); the 4 + 4 cell columns on
        // either side keep their 2 x 5 triangles each, the column of cells across the step none
        Mesh mesh = Meshes.build(Surface.of(Depths.of(10, 6, (i, j) -> i < 5 ? 1 : 2)), PINHOLE);
        assertEquals(2 * 5 * 8, mesh.triangleCount());
        assertEquals(60, mesh.vertices().count());
        for (int t = 0; t < mesh.triangleCount(); t++) {
            assertEquals(z(mesh, t, 0), z(mesh, t, 1), 0, "triangle " + t + " crosses the step");
            assertEquals(z(mesh, t, 0), z(mesh, t, 2), 0, "triangle " + t + " crosses the step");
        }
    }

    @Test
    void aSmoothRampKeepsEveryTriangle() {
        // Z = 1 + 0.01 i: neighbours differ by at most 1%, under the default 5%
        Mesh mesh = Meshes.build(Surface.of(Depths.of(10, 6, (i, j) -> 1 + 0.01 * i)), PINHOLE);
        assertEquals(2 * (10 - 1) * (6 - 1), mesh.triangleCount());
        assertEquals(60, mesh.vertices().count());
        assertEquals(0, Meshes.build(Surface.of(Depths.of(10, 6, (i, j) -> 1 + 0.01 * i)), PINHOLE,
                GeometryOptions.DEFAULTS.withMaxRelativeJump(0.001)).triangleCount());
        // orthographic: a 40 px ramp z = i steps 1/39 of its range per pixel; a step of 10 between columns 19 and 20 is
        // nearly all of it, dropping that column of cells
        Projection pixels = Projection.metric(Orthographic.pixels());
        assertEquals(2 * 39 * 2, Meshes.build(Surface.of(Depths.of(40, 3, (i, j) -> i)), pixels).triangleCount());
        assertEquals(2 * (19 + 19) * 2, Meshes.build(Surface.of(Depths.of(40, 3, (i, j) -> i < 20 ? i / 100.0
                : 10 + i / 100.0)), pixels).triangleCount());
    }

    @Test
    void aMaskedPixelTakesItsSixTrianglesAndItsVertex() {
        // an interior pixel belongs to 6 triangles of the split (a, c, b), (b, c, d); a corner pixel to 1
        RandomAccessibleInterval<FloatType> depth = Depths.of(5, 4, (i, j) -> 2);
        RandomAccessibleInterval<BitType> mask = ArrayImgs.bits(5, 4);
        mask.forEach(b -> b.set(true));
        mask.getAt(2, 1).set(false);
        Mesh interior = Meshes.build(Surface.of(depth).withMask(mask), PINHOLE);
        assertEquals(2 * 4 * 3 - 6, interior.triangleCount());
        assertEquals(19, interior.vertices().count());
        mask.getAt(2, 1).set(true);
        mask.getAt(0, 0).set(false);
        Mesh corner = Meshes.build(Surface.of(depth).withMask(mask), PINHOLE);
        assertEquals(2 * 4 * 3 - 1, corner.triangleCount());
        assertEquals(19, corner.vertices().count());
    }

    @Test
    void aKeptPixelThatNoTriangleUsesIsRemoved() {
        // 3x3 without (1, 0) and (0, 1): (0, 0) is kept but both triangles of its cell lose a corner;
        // 4 triangles remain, on the 6 pixels other than (0, 0)
        RandomAccessibleInterval<BitType> mask = ArrayImgs.bits(3, 3);
        mask.forEach(b -> b.set(true));
        mask.getAt(1, 0).set(false);
        mask.getAt(0, 1).set(false);
        Projection pixels = Projection.metric(Orthographic.pixels());
        Mesh mesh = Meshes.build(Surface.of(Depths.of(3, 3, (i, j) -> 1)).withMask(mask), pixels);
        assertEquals(4, mesh.triangleCount());
        assertEquals(6, mesh.vertices().count());
        // raster order of the used pixels
        assertArrayEquals(new float[] {2, 0, 1, 1, 1, 1, 2, 1, 1, 0, 2, 1, 1, 2, 1, 2, 2, 1}, mesh.vertices().xyz(), 0);
        assertEquals(7, PointClouds.build(Surface.of(Depths.of(3, 3, (i, j) -> 1)).withMask(mask), pixels).count());
    }

    @Test
    void everyTriangleFacesTheCamera() {
        // any positive depths: det[a, b, c] = Za Zb Zc det[ra, rb, rc] < 0 for the winding on the
        // image grid, so (b - a) x (c - a) . a < 0 (toward the camera at the origin)
        Random random = new Random(20);
        RandomAccessibleInterval<FloatType> depth = Depths.of(12, 9, (i, j) -> 0.5 + 3 * random.nextDouble());
        Mesh mesh = Meshes.build(Surface.of(depth), PINHOLE,
                GeometryOptions.DEFAULTS.withMaxRelativeJump(Double.POSITIVE_INFINITY));
        assertEquals(2 * 11 * 8, mesh.triangleCount());
        for (int t = 0; t < mesh.triangleCount(); t++) {
            double[][] nc = normalAndCorner(mesh, t);
            assertTrue(nc[0][0] * nc[1][0] + nc[0][1] * nc[1][1] + nc[0][2] * nc[1][2] < 0, "triangle " + t);
        }
        // orthographic: the camera looks along +z, so facing it is a negative z
        Mesh flat = Meshes.build(Surface.of(depth), Projection.metric(new Orthographic(0.1, 0.2, "mm")),
                GeometryOptions.DEFAULTS.withMaxRelativeJump(Double.POSITIVE_INFINITY));
        for (int t = 0; t < flat.triangleCount(); t++) {
            assertTrue(normalAndCorner(flat, t)[0][2] < 0, "triangle " + t);
        }
    }

    @Test
    void blocksMeshTheBlockGridWithVertexNormals() {
        // 6x4 in blocks of 2: a 3x2 grid of cells, 2 x 2 x 1 triangles; a plane facing the camera
        Mesh mesh = Meshes.build(Surface.of(Depths.of(6, 4, (i, j) -> 2)), PINHOLE,
                GeometryOptions.DEFAULTS.withBlockSize(2));
        assertEquals(4, mesh.triangleCount());
        assertEquals(6, mesh.vertices().count());
        for (int v = 0; v < 6; v++) {
            assertArrayEquals(new float[] {0, 0, -1}, new float[] {mesh.vertices().normals()[3 * v],
                mesh.vertices().normals()[3 * v + 1], mesh.vertices().normals()[3 * v + 2]}, 1e-6f);
        }
        assertFalse(mesh.vertices().relative());
    }
}
