package org.depthfm.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import customnode.CustomIndexedTriangleMesh;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij3d.Image3DUniverse;
import java.awt.GraphicsEnvironment;
import org.depthfm.imagej.geometry.Export3D;
import org.depthfm.imagej.geometry.ExportSettings;
import org.depthfm.imagej.geometry.SurfaceSource;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Mesh;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Plugins › DepthFM › Show in 3D: the reflection bridge to Fiji's 3D Viewer against stand-ins of its
 * classes (test sources {@code ij3d}, {@code customnode}), which record what they are given, and
 * the command's refusal without a screen.
 */
class ShowIn3DCommandTest {
    /** A class loader that hides the 3D Viewer's stand-ins, as in a Fiji without the 3D_Viewer plugin. */
    private static final ClassLoader WITHOUT_VIEWER = new ClassLoader(ShowIn3DCommandTest.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("ij3d.") || name.startsWith("customnode.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    };

    private static ImagePlus depth() {
        FloatProcessor fp = new FloatProcessor(4, 3);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                fp.setf(i, j, 1 + i + 10 * j);
            }
        }
        return new ImagePlus("d", fp);
    }

    @Test
    void theViewerIsFoundOnlyWhereItIsInstalled() {
        assertTrue(Viewer3D.available(getClass().getClassLoader()));
        assertFalse(Viewer3D.available(WITHOUT_VIEWER));
    }

    @Test
    void theMeshReachesTheViewerWithItsVerticesTrianglesAndColours() throws ReflectiveOperationException {
        ColorProcessor cp = new ColorProcessor(4, 3);
        cp.set(2, 1, 0x336699);
        ImagePlus colour = new ImagePlus("c", cp);
        Mesh mesh = Export3D.prepare(SurfaceSource.of(depth()).withImage(colour), ExportSettings.DEFAULTS
                .withOptions(GeometryOptions.DEFAULTS.withMaxRelativeJump(Double.POSITIVE_INFINITY))).mesh();
        Image3DUniverse universe = (Image3DUniverse) Viewer3D.show(mesh, "d", getClass().getClassLoader());
        assertTrue(universe.shown);
        CustomIndexedTriangleMesh shown = (CustomIndexedTriangleMesh) universe.contents.get("d");
        assertArrayEquals(mesh.triangles(), shown.faces);
        assertEquals(mesh.vertices().count(), shown.vertices.length);
        for (int v = 0; v < shown.vertices.length; v++) {
            assertEquals(mesh.vertices().xyz()[3 * v], shown.vertices[v].x, 0);
            assertEquals(mesh.vertices().xyz()[3 * v + 2], shown.vertices[v].z, 0);
        }
        // pixel (2, 1) is vertex 6 in raster order
        assertEquals(0x33 / 255f, shown.colours.get(6).x, 0);
        assertEquals(0x66 / 255f, shown.colours.get(6).y, 0);
        assertEquals(0x99 / 255f, shown.colours.get(6).z, 0);
        assertEquals(0f, shown.colours.get(5).x, 0);
    }

    @Test
    void withoutAScreenItSaysToExportInstead() throws Exception {
        assumeTrue(GraphicsEnvironment.isHeadless(), "a screen is attached");
        try (Context context = new Context(CommandService.class)) {
            CommandModule m = context.service(CommandService.class).run(ShowIn3DCommand.class, true, "depth", depth())
                    .get();
            assertTrue(m.isCanceled());
            assertTrue(m.getCancelReason().contains("Show in 3D needs a screen; without one, use Export 3D"),
                    m.getCancelReason());
        }
    }
}
