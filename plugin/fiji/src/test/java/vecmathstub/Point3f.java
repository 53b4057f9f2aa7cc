package vecmathstub;

/** Stands in for the 3D Viewer's vecmath point in the tests of the reflection bridge. */
public class Point3f {
    public final float x;
    public final float y;
    public final float z;

    public Point3f(float x, float y, float z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }
}
