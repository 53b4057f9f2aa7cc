package vecmathstub;

/** Stands in for the 3D Viewer's vecmath colour in the tests of the reflection bridge. */
public class Color3f {
    public final float x;
    public final float y;
    public final float z;

    public Color3f(float x, float y, float z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }
}
