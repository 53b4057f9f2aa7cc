package ij3d;

import customnode.CustomMesh;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stands in for the 3D Viewer's universe (show, addCustomMesh) in the bridge's tests; records what it got. */
public class Image3DUniverse {
    public boolean shown;
    public final Map<String, CustomMesh> contents = new LinkedHashMap<>();

    public Object show() {
        shown = true;
        return null;
    }

    public Object addCustomMesh(CustomMesh mesh, String name) {
        contents.put(name, mesh);
        return mesh;
    }
}
