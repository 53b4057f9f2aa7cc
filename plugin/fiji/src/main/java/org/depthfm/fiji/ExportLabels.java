package org.depthfm.fiji;

/** Dialog labels of the 3D commands (Export 3D, Show in 3D), in one place like {@link Labels}. */
final class ExportLabels {
    static final String DEPTH = "Depth image";
    static final String IMAGE = "Colour image (optional)";
    static final String UNCERTAINTY = "Uncertainty image (optional)";
    static final String MASK = "Mask (non-zero = keep; optional)";
    static final String GEOMETRY = "Export as";
    static final String CAMERA = "Camera";
    static final String FOCAL_FROM = "Focal length from";
    static final String FOCAL_LENGTH = "Focal length (mm, or pixels, or field of view in degrees)";
    static final String SENSOR_WIDTH = "Sensor width (mm; for a focal length in mm)";
    static final String DEPTH_UNIT = "Depth unit (empty = the depth image's)";
    static final String Z_FRACTION = "Relative depth: share of the image width its range spans";
    static final String BLOCK = "Block size (one point per NxN pixels)";
    static final String MIN_DEPTH = "Smallest depth kept (NaN = no limit)";
    static final String MAX_DEPTH = "Largest depth kept (NaN = no limit)";
    static final String MAX_UNCERTAINTY = "Largest uncertainty kept (NaN = no limit)";
    static final String MAX_JUMP = "Mesh: largest relative depth jump of a triangle";
    static final String POINT_NORMALS = "Normals on points and vertices";
    static final String FILE = "File (.ply, .obj or .stl)";
    static final String ASCII = "ASCII PLY (else binary)";
    static final String NORMAL_MAP = "Normal map image";
    static final String VIEWER = "Viewer";

    static final String MESH = "mesh";
    static final String POINTS = "points";
    static final String FOCAL_EXIF = "exif";
    static final String FOCAL_MM = "mm";
    static final String FOCAL_35MM = "35mm";
    static final String FOCAL_FOV = "fov";
    static final String FOCAL_PIXELS = "pixels";
    static final String VIEWER_AUTO = "auto";
    static final String VIEWER_3D = "3D Viewer";
    static final String VIEWER_SURFACE = "surface plot";

    private ExportLabels() {
    }
}
