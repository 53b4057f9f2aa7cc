package customnode;

/** Stands in for the 3D Viewer's mesh base class in the tests of the reflection bridge. */
public abstract class CustomMesh {
}
