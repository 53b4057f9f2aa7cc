package org.depthfm.fiji;

import ij.IJ;
import ij.ImagePlus;
import java.io.File;
import org.depthfm.imagej.geometry.Export3D;
import org.depthfm.imagej.geometry.Export3DFiles;
import org.depthfm.imagej.geometry.PreparedSurface;
import org.depthfm.ops.geometry.io.PlyFormat;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Export 3D: a depth image as a point cloud or mesh file (PLY, OBJ or STL by
 * the file's extension), coloured by an image, with the uncertainty per point, and its normal map.
 * Headless too. Macro, e.g. {@code run("Export 3D", "depth=[photo-depth] image=photo.jpg
 * geometry=mesh file=/data/photo.ply")}. The camera, focal length and drops go to the Log.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Export 3D", headless = true,
        description = "A depth map as 3D points or a mesh (PLY, OBJ, STL) with colours, normals and uncertainty;"
                + " camera from the calibration (orthographic), the focal length or the photo's EXIF (pinhole), or"
                + " relative depth scaled to the image width")
public final class Export3DCommand extends SurfaceParameters {
    @Parameter(label = ExportLabels.GEOMETRY, choices = {ExportLabels.MESH, ExportLabels.POINTS}, persist = false)
    String geometry = ExportLabels.MESH;

    @Parameter(label = ExportLabels.FILE, style = "save", required = false, persist = false)
    File file;

    @Parameter(label = ExportLabels.ASCII, persist = false)
    boolean ascii = false;

    @Parameter(label = ExportLabels.NORMAL_MAP, persist = false)
    boolean normal_map = false;

    @Parameter(type = ItemIO.OUTPUT, label = "Normal map", required = false)
    ImagePlus normals;

    @Parameter(type = ItemIO.OUTPUT, label = "Written")
    String written;

    @Override
    public void run() {
        guarded(() -> {
            if (file == null || file.getPath().isBlank()) {
                throw new IllegalArgumentException("choose the file to write, ending in .ply, .obj or .stl (file=...)");
            }
            if (!geometry.equals(ExportLabels.MESH) && !geometry.equals(ExportLabels.POINTS)) {
                throw new IllegalArgumentException("unknown geometry '" + geometry + "': use mesh or points");
            }
            Export3DFiles.requireWritable(file.toPath());
            PreparedSurface surface = Export3D.prepare(source(), settings());
            Export3DFiles.Written w = Export3DFiles.write(surface, geometry.equals(ExportLabels.MESH), file.toPath(),
                    ascii ? PlyFormat.ASCII : PlyFormat.BINARY_LITTLE_ENDIAN);
            surface.notes().forEach(line -> IJ.log("DepthFM: " + line));
            written = w.describe();
            IJ.log("DepthFM: -> " + written);
            if (normal_map) {
                normals = Export3DFiles.normalMap(surface);
            }
        });
    }
}
