package customnode;

import java.util.List;
import vecmathstub.Color3f;
import vecmathstub.Point3f;

/** Stands in for the 3D Viewer's indexed mesh (same constructor and colour method) in the bridge's tests. */
public class CustomIndexedTriangleMesh extends CustomMesh {
    public final Point3f[] vertices;
    public final int[] faces;
    public List<Color3f> colours;

    public CustomIndexedTriangleMesh(Point3f[] vertices, int[] faces) {
        this.vertices = vertices;
        this.faces = faces;
    }

    public void setColor(List<Color3f> colours) {
        if (colours.size() != vertices.length) {
            throw new IllegalArgumentException("Number of colors must equal number of vertices");
        }
        this.colours = colours;
    }
}
