package org.depthfm.cli;

import ij.ImagePlus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.depthfm.base.Defaults;
import org.depthfm.imagej.ImageFiles;
import org.depthfm.imagej.geometry.Export3D;
import org.depthfm.imagej.geometry.Export3DFiles;
import org.depthfm.imagej.geometry.ExportSettings;
import org.depthfm.imagej.geometry.FileFormat;
import org.depthfm.imagej.geometry.PreparedSurface;
import org.depthfm.imagej.geometry.SurfaceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    SurfaceArgs surface;

    @Option(names = "--mask", paramLabel = "M.tif", description = "Keep only pixels that are non-zero here.")
    Path mask;

    @Option(names = "--uncertainty", paramLabel = "U.tif",
            description = "The uncertainty map, written with each point (e.g. <name>-uncertainty.tif of estimate).")
    Path uncertainty;

    @Option(names = "--frame", defaultValue = "1", paramLabel = "N", description = "The plane of a depth stack"
            + " (default: ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--normals", paramLabel = "N.png", description = "Also write the normal map (PNG or TIFF).")
    Path normalMap;

    @Override
    public Integer call() {
        if (surface.maxUncertainty != null && uncertainty == null) {
            throw new IllegalArgumentException("--max-uncertainty needs the uncertainty map: add --uncertainty U.tif");
        }
        FileFormat.of(output);
        Export3DFiles.requireWritable(output);
        if (normalMap != null) {
            Export3DFiles.requireWritable(normalMap);
        }
        ExportSettings settings = surface.settings();
        ImagePlus depthImage = ImageFiles.open(depth);
        SurfaceSource source = new SurfaceSource(depthImage, frame - 1, image == null ? null : ImageFiles.open(image),
                uncertainty == null ? null : ImageFiles.open(uncertainty), mask == null ? null : ImageFiles.open(mask),
                image);
        PreparedSurface prepared = Export3D.prepare(source, settings);
        PrintWriter out = spec.commandLine().getOut();
        prepared.notes().forEach(out::println);
        Export3DFiles.Written written = Export3DFiles.write(prepared, mesh, output, surface.ply());
        out.println("-> " + written.describe() + ", in " + prepared.projection().unit()
                + (prepared.projection().relative() ? " (relative depth)" : ""));
        if (normalMap != null) {
            Export3DFiles.saveNormalMap(prepared, normalMap);
            out.println("-> " + normalMap + ": normal map");
        }
        out.flush();
        return 0;
    }
}
