package org.depthfm.fiji;

import ij.ImagePlus;
import org.depthfm.imagej.geometry.CameraModel;
import org.depthfm.imagej.geometry.ExportSettings;
import org.depthfm.imagej.geometry.Lens;
import org.depthfm.imagej.geometry.SurfaceSource;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Projection;
import org.scijava.plugin.Parameter;

/**
 * The parameters of the 3D commands: the depth and its companions, the camera and focal length,
 * and what is kept ({@code persist = false}: a macro that leaves a key out gets the default, and no
 * image of an earlier run comes back as an empty one). With
 * several image inputs Fiji does not fill in the active image, so a macro names the depth.
 */
abstract class SurfaceParameters extends DepthFmCommand {
    /** Not required, so that "no depth image" gets the command's own clear message. */
    @Parameter(label = ExportLabels.DEPTH, required = false, persist = false)
    ImagePlus depth;

    @Parameter(label = ExportLabels.IMAGE, required = false, persist = false)
    ImagePlus image;

    @Parameter(label = ExportLabels.UNCERTAINTY, required = false, persist = false)
    ImagePlus uncertainty;

    @Parameter(label = ExportLabels.MASK, required = false, persist = false)
    ImagePlus mask;

    @Parameter(label = ExportLabels.CAMERA, choices = {"auto", "pinhole", "orthographic", "relative"}, persist = false)
    String camera = "auto";

    @Parameter(label = ExportLabels.FOCAL_FROM, choices = {ExportLabels.FOCAL_EXIF, ExportLabels.FOCAL_MM,
        ExportLabels.FOCAL_35MM, ExportLabels.FOCAL_FOV, ExportLabels.FOCAL_PIXELS}, persist = false)
    String focal_length_from = ExportLabels.FOCAL_EXIF;

    @Parameter(label = ExportLabels.FOCAL_LENGTH, min = "0", persist = false)
    double focal_length = 0;

    @Parameter(label = ExportLabels.SENSOR_WIDTH, min = "0", persist = false)
    double sensor_width = 36;

    @Parameter(label = ExportLabels.DEPTH_UNIT, required = false, persist = false)
    String depth_unit = "";

    @Parameter(label = ExportLabels.Z_FRACTION, min = "0", persist = false)
    double z_fraction = Projection.DEFAULT_RELATIVE_FRACTION;

    @Parameter(label = ExportLabels.BLOCK, min = "1", persist = false)
    int block = 1;

    @Parameter(label = ExportLabels.MIN_DEPTH, persist = false)
    double min_depth = Double.NaN;

    @Parameter(label = ExportLabels.MAX_DEPTH, persist = false)
    double max_depth = Double.NaN;

    @Parameter(label = ExportLabels.MAX_UNCERTAINTY, persist = false)
    double max_uncertainty = Double.NaN;

    @Parameter(label = ExportLabels.MAX_JUMP, min = "0", persist = false)
    double max_jump = GeometryOptions.DEFAULT_MAX_RELATIVE_JUMP;

    @Parameter(label = ExportLabels.POINT_NORMALS, persist = false)
    boolean point_normals = true;

    /**
     * @return the depth's current plane with its companions; the colour image's file, if it was
     *     opened from one, gives the EXIF
     * @throws IllegalArgumentException if there is no depth image
     */
    SurfaceSource source() {
        if (depth == null) {
            throw new IllegalArgumentException("choose a depth image (open one, e.g. from Estimate Depth or Depth"
                    + " Completion, and name it: depth=[title])");
        }
        int plane = (depth.getZ() - 1) + (depth.getT() - 1) * depth.getNSlices();
        return new SurfaceSource(depth, plane, image, uncertainty, mask, null);
    }

    /** @return the settings the parameters give */
    ExportSettings settings() {
        GeometryOptions options = new GeometryOptions(block, Double.isNaN(min_depth) ? Double.NEGATIVE_INFINITY
                : min_depth, Double.isNaN(max_depth) ? Double.POSITIVE_INFINITY : max_depth,
                Double.isNaN(max_uncertainty) ? Double.POSITIVE_INFINITY : max_uncertainty, point_normals, max_jump);
        return new ExportSettings(CameraModel.parse(camera), lens(), depth_unit, z_fraction, options);
    }

    private Lens lens() {
        return switch (focal_length_from) {
            case ExportLabels.FOCAL_EXIF -> Lens.exif();
            case ExportLabels.FOCAL_MM -> Lens.focalLength(focal_length, sensor_width);
            case ExportLabels.FOCAL_35MM -> Lens.equivalent35mm(focal_length);
            case ExportLabels.FOCAL_FOV -> Lens.fieldOfView(focal_length);
            case ExportLabels.FOCAL_PIXELS -> Lens.pixels(focal_length);
            default -> throw new IllegalArgumentException("unknown focal length source '" + focal_length_from
                    + "': use exif, mm, 35mm, fov or pixels");
        };
    }
}
