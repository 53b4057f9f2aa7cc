package org.depthfm.cli;

import org.depthfm.imagej.geometry.CameraModel;
import org.depthfm.imagej.geometry.ExportSettings;
import org.depthfm.imagej.geometry.Lens;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Projection;
import org.depthfm.ops.geometry.io.PlyFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How depth becomes 3D (camera, focal length, units, filters, PLY encoding), shared by {@code export3d} and {@code estimate}. */
final class SurfaceArgs {
    @Option(names = "--camera", defaultValue = "auto", paramLabel = "C",
            description = "auto, pinhole, orthographic or relative (default: ${DEFAULT-VALUE}).")
    String camera;

    @ArgGroup(exclusive = true)
    Focal focal;

    /** The focal length: one way at most; none means the EXIF or the default field of view. */
    static final class Focal {
        @ArgGroup(exclusive = false)
        RealFocal mm;

        @Option(names = "--focal-35mm", paramLabel = "F", description = "The 35 mm-equivalent focal length (mm).")
        Double equivalent;

        @Option(names = "--fov", paramLabel = "DEG", description = "The horizontal field of view (degrees).")
        Double fov;

        @Option(names = "--focal-px", paramLabel = "F", description = "The focal length in pixels.")
        Double pixels;
    }

    /** A real focal length with the sensor width: both or neither. */
    static final class RealFocal {
        @Option(names = "--focal-mm", required = true, paramLabel = "F", description = "The real focal length (mm),"
                + " with --sensor-mm.")
        double focal;

        @Option(names = "--sensor-mm", required = true, paramLabel = "W", description = "The sensor width (mm).")
        double sensor;
    }

    @Option(names = "--depth-unit", paramLabel = "U",
            description = "The depth's unit, e.g. m (default: the TIFF's value unit; none means relative depth).")
    String depthUnit;

    @Option(names = "--z-fraction", defaultValue = "" + Projection.DEFAULT_RELATIVE_FRACTION, paramLabel = "F",
            description = "Relative depth: the share of the image width its range spans (default: ${DEFAULT-VALUE}).")
    double zFraction;

    @Option(names = "--block", defaultValue = "1", paramLabel = "N",
            description = "One point per NxN pixel block, the mean of its kept pixels (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--max-uncertainty", paramLabel = "U", description = "Drop pixels of higher uncertainty"
            + " (needs --uncertainty).")
    Double maxUncertainty;

    @Option(names = "--min-depth", paramLabel = "D", description = "Drop pixels of smaller depth (the map's values).")
    Double minDepth;

    @Option(names = "--max-depth", paramLabel = "D", description = "Drop pixels of larger depth.")
    Double maxDepth;

    @Option(names = "--max-jump", defaultValue = "" + GeometryOptions.DEFAULT_MAX_RELATIVE_JUMP, paramLabel = "J",
            description = "Mesh: drop triangles whose far corner is more than J farther than the near one (pinhole),"
                    + " or that span more than J of the depth range (default: ${DEFAULT-VALUE}).")
    double maxJump;

    @Option(names = "--ascii", description = "ASCII PLY instead of binary little-endian.")
    boolean ascii;

    @Option(names = "--no-point-normals", description = "Leave out the normals of the points and vertices.")
    boolean noPointNormals;

    /**
     * @return the export settings these flags give
     * @throws IllegalArgumentException naming a bad camera, lens or option
     */
    ExportSettings settings() {
        GeometryOptions options = new GeometryOptions(block, minDepth == null ? Double.NEGATIVE_INFINITY : minDepth,
                maxDepth == null ? Double.POSITIVE_INFINITY : maxDepth,
                maxUncertainty == null ? Double.POSITIVE_INFINITY : maxUncertainty, !noPointNormals, maxJump);
        return new ExportSettings(CameraModel.parse(camera), lens(), depthUnit, zFraction, options);
    }

    /** @return the first of these options given other than at its default, or null */
    String firstGiven() {
        return !camera.equals("auto") ? "--camera" : focal != null ? "--focal-mm, --focal-35mm, --fov or --focal-px"
                : depthUnit != null ? "--depth-unit"
                : zFraction != Projection.DEFAULT_RELATIVE_FRACTION ? "--z-fraction"
                : block != 1 ? "--block"
                : maxUncertainty != null ? "--max-uncertainty"
                : minDepth != null ? "--min-depth"
                : maxDepth != null ? "--max-depth"
                : maxJump != GeometryOptions.DEFAULT_MAX_RELATIVE_JUMP ? "--max-jump"
                : ascii ? "--ascii"
                : noPointNormals ? "--no-point-normals" : null;
    }

    /** @return binary little-endian, or ASCII with --ascii */
    PlyFormat ply() {
        return ascii ? PlyFormat.ASCII : PlyFormat.BINARY_LITTLE_ENDIAN;
    }

    private Lens lens() {
        if (focal == null) {
            return Lens.exif();
        }
        if (focal.mm != null) {
            return Lens.focalLength(focal.mm.focal, focal.mm.sensor);
        }
        return focal.equivalent != null ? Lens.equivalent35mm(focal.equivalent)
                : focal.fov != null ? Lens.fieldOfView(focal.fov) : Lens.pixels(focal.pixels);
    }
}
