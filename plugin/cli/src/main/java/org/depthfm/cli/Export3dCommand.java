package org.depthfm.cli;

import ij.ImagePlus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.depthfm.base.Defaults;
import org.depthfm.imagej.ImageFiles;
import org.depthfm.imagej.geometry.CameraModel;
import org.depthfm.imagej.geometry.Export3D;
import org.depthfm.imagej.geometry.Export3DFiles;
import org.depthfm.imagej.geometry.ExportSettings;
import org.depthfm.imagej.geometry.FileFormat;
import org.depthfm.imagej.geometry.Lens;
import org.depthfm.imagej.geometry.PreparedSurface;
import org.depthfm.imagej.geometry.SurfaceSource;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Projection;
import org.depthfm.ops.geometry.io.PlyFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm export3d}: a depth map as a point cloud or mesh file, and its normal map. */
@Command(name = "export3d", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a depth map as 3D points or a mesh: PLY (binary, or --ascii), OBJ or STL by the"
                + " extension of -o, coloured by IMAGE, carrying the uncertainty, with triangles across depth"
                + " jumps dropped.",
                "Cameras: orthographic (x, y from the pixel size, z the depth: micrographs, scans), pinhole (focal"
                        + " length from IMAGE's EXIF, or --focal-*/--fov; default field of view "
                        + Defaults.FIELD_OF_VIEW_TEXT + " degrees), relative (depth without unit: its range spans"
                        + " --z-fraction of the width); auto picks by the depth's unit and the calibration.",
                "Points are in the camera frame: x right, y down, z away from the camera. Every file says its unit"
                        + " and whether it is relative. Files are written whole or not at all."})
final class Export3dCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPTH", description = "The depth map (TIFF; one plane, or --frame).")
    Path depth;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE",
            description = "The image of the depth's size for colours (and the EXIF focal length of a JPEG).")
    Path image;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "out.ply, out.obj or out.stl (STL always holds the mesh).")
    Path output;

    @Option(names = "--mesh", description = "A triangle mesh on the pixel grid instead of points.")
    boolean mesh;

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

    @Option(names = "--mask", paramLabel = "M.tif", description = "Keep only pixels that are non-zero here.")
    Path mask;

    @Option(names = "--uncertainty", paramLabel = "U.tif",
            description = "The uncertainty map, written with each point (e.g. <name>-uncertainty.tif of estimate).")
    Path uncertainty;

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

    @Option(names = "--frame", defaultValue = "1", paramLabel = "N", description = "The plane of a depth stack"
            + " (default: ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--ascii", description = "ASCII PLY instead of binary little-endian.")
    boolean ascii;

    @Option(names = "--no-point-normals", description = "Leave out the normals of the points and vertices.")
    boolean noPointNormals;

    @Option(names = "--normals", paramLabel = "N.png", description = "Also write the normal map (PNG or TIFF).")
    Path normalMap;

    @Override
    public Integer call() {
        if (maxUncertainty != null && uncertainty == null) {
            throw new IllegalArgumentException("--max-uncertainty needs the uncertainty map: add --uncertainty U.tif");
        }
        FileFormat.of(output);
        Export3DFiles.requireWritable(output);
        if (normalMap != null) {
            Export3DFiles.requireWritable(normalMap);
        }
        GeometryOptions options = new GeometryOptions(block, minDepth == null ? Double.NEGATIVE_INFINITY : minDepth,
                maxDepth == null ? Double.POSITIVE_INFINITY : maxDepth,
                maxUncertainty == null ? Double.POSITIVE_INFINITY : maxUncertainty, !noPointNormals, maxJump);
        ExportSettings settings = new ExportSettings(CameraModel.parse(camera), lens(), depthUnit, zFraction, options);
        ImagePlus depthImage = ImageFiles.open(depth);
        SurfaceSource source = new SurfaceSource(depthImage, frame - 1, image == null ? null : ImageFiles.open(image),
                uncertainty == null ? null : ImageFiles.open(uncertainty), mask == null ? null : ImageFiles.open(mask),
                image);
        PreparedSurface surface = Export3D.prepare(source, settings);
        PrintWriter out = spec.commandLine().getOut();
        surface.notes().forEach(out::println);
        Export3DFiles.Written written = Export3DFiles.write(surface, mesh, output,
                ascii ? PlyFormat.ASCII : PlyFormat.BINARY_LITTLE_ENDIAN);
        out.println("-> " + written.describe() + ", in " + surface.projection().unit()
                + (surface.projection().relative() ? " (relative depth)" : ""));
        if (normalMap != null) {
            Export3DFiles.saveNormalMap(surface, normalMap);
            out.println("-> " + normalMap + ": normal map");
        }
        out.flush();
        return 0;
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
