package org.depthfm.fiji;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import org.depthfm.ops.geometry.Mesh;
import org.depthfm.ops.geometry.PointCloud;

/**
 * Fiji's 3D Viewer ({@code ij3d.Image3DUniverse}, the 3D_Viewer plugin), found and driven at run
 * time through reflection, so the plugin has no compile-time dependency on it or on its Java 3D and
 * vecmath libraries. A mesh becomes a {@code customnode.CustomIndexedTriangleMesh} with one colour
 * per vertex, added to a new universe window. The vecmath classes are taken from the mesh class's
 * own constructor, so both the current {@code org.scijava.vecmath} and the older {@code javax.vecmath}
 * builds work.
 */
final class Viewer3D {
    static final String UNIVERSE = "ij3d.Image3DUniverse";
    static final String INDEXED_MESH = "customnode.CustomIndexedTriangleMesh";
    static final String CUSTOM_MESH = "customnode.CustomMesh";
    /** The 3D Viewer stays responsive up to about a million vertices; larger depths are shown in blocks. */
    static final long MAX_VERTICES = 1_000_000;

    private Viewer3D() {
    }

    /**
     * @param loader the class loader of Fiji's plugins
     * @return whether the 3D Viewer is installed
     */
    static boolean available(ClassLoader loader) {
        try {
            Class.forName(UNIVERSE, false, loader);
            Class.forName(INDEXED_MESH, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Opens a 3D Viewer window with the mesh.
     *
     * @param mesh the mesh, its vertex colours used when it has them (else light gray)
     * @param name the content's name in the viewer
     * @param loader the class loader of Fiji's plugins
     * @return the universe
     * @throws ReflectiveOperationException if the installed 3D Viewer lacks the expected classes or methods
     */
    static Object show(Mesh mesh, String name, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> meshClass = Class.forName(INDEXED_MESH, true, loader);
        Constructor<?> make = null;
        for (Constructor<?> c : meshClass.getConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 2 && p[0].isArray() && p[1] == int[].class) {
                make = c;
            }
        }
        if (make == null) {
            throw new NoSuchMethodException(INDEXED_MESH + "(Point3f[], int[])");
        }
        Class<?> point = make.getParameterTypes()[0].getComponentType();
        Class<?> colour = Class.forName(point.getPackageName() + ".Color3f", true, point.getClassLoader());
        Constructor<?> newPoint = point.getConstructor(float.class, float.class, float.class);
        Constructor<?> newColour = colour.getConstructor(float.class, float.class, float.class);
        PointCloud v = mesh.vertices();
        Object vertices = Array.newInstance(point, v.count());
        List<Object> colours = new ArrayList<>(v.count());
        for (int i = 0; i < v.count(); i++) {
            Array.set(vertices, i, newPoint.newInstance(v.xyz()[3 * i], v.xyz()[3 * i + 1], v.xyz()[3 * i + 2]));
            colours.add(v.rgb() == null ? newColour.newInstance(0.8f, 0.8f, 0.8f)
                    : newColour.newInstance(channel(v.rgb(), 3 * i), channel(v.rgb(), 3 * i + 1),
                            channel(v.rgb(), 3 * i + 2)));
        }
        Object custom = make.newInstance(vertices, mesh.triangles().clone());
        meshClass.getMethod("setColor", List.class).invoke(custom, colours);
        Class<?> universeClass = Class.forName(UNIVERSE, true, loader);
        Object universe = universeClass.getConstructor().newInstance();
        universeClass.getMethod("show").invoke(universe);
        universeClass.getMethod("addCustomMesh", Class.forName(CUSTOM_MESH, true, loader), String.class)
                .invoke(universe, custom, name);
        return universe;
    }

    private static float channel(byte[] rgb, int at) {
        return Byte.toUnsignedInt(rgb[at]) / 255f;
    }
}
