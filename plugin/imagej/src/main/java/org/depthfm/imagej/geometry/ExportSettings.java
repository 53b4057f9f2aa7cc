package org.depthfm.imagej.geometry;

import java.io.Serializable;

import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Projection;

/**
 * How a 3D export turns depth into points.
 *
 * @param camera the camera model, or {@link CameraModel#AUTO}
 * @param lens where a pinhole camera's focal length comes from
 * @param depthUnit the depth's unit, or blank for the depth image's own value unit (none means
 *        relative depth)
 * @param relativeFraction for relative depth: the fraction of the image width its range spans
 * @param options block size, depth range, uncertainty threshold, normals and the mesh's jump threshold
 */
public record ExportSettings(CameraModel camera, Lens lens, String depthUnit, double relativeFraction,
        GeometryOptions options) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Automatic camera, EXIF focal length, the depth's own unit, the default fraction and options. */
    public static final ExportSettings DEFAULTS = new ExportSettings(CameraModel.AUTO, Lens.exif(), "",
            Projection.DEFAULT_RELATIVE_FRACTION, GeometryOptions.DEFAULTS);

    /**
     * Checks the settings.
     *
     * @param camera the camera model, or {@link CameraModel#AUTO}
     * @param lens where a pinhole camera's focal length comes from
     * @param depthUnit the depth's unit, or blank for the depth image's own value unit
     * @param relativeFraction for relative depth: the fraction of the image width its range spans
     * @param options block size, depth range, uncertainty threshold, normals and jump threshold
     * @throws IllegalArgumentException if a part is missing or the fraction is not positive
     */
    public ExportSettings {
        if (camera == null || lens == null || options == null) {
            throw new IllegalArgumentException("3D export settings need a camera, a lens and options");
        }
        if (!(relativeFraction > 0 && relativeFraction < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the relative depth's share of the image width must be positive but is "
                    + relativeFraction + "; the default is " + Projection.DEFAULT_RELATIVE_FRACTION);
        }
        depthUnit = depthUnit == null ? "" : depthUnit.strip();
    }

    /**
     * @param model the camera model
     * @return these settings with that camera
     */
    public ExportSettings withCamera(CameraModel model) {
        return new ExportSettings(model, lens, depthUnit, relativeFraction, options);
    }

    /**
     * @param focal where the focal length comes from
     * @return these settings with that lens
     */
    public ExportSettings withLens(Lens focal) {
        return new ExportSettings(camera, focal, depthUnit, relativeFraction, options);
    }

    /**
     * @param unit the depth's unit, or blank for the image's own
     * @return these settings with that unit
     */
    public ExportSettings withDepthUnit(String unit) {
        return new ExportSettings(camera, lens, unit, relativeFraction, options);
    }

    /**
     * @param fraction the relative depth's share of the image width
     * @return these settings with that fraction
     */
    public ExportSettings withRelativeFraction(double fraction) {
        return new ExportSettings(camera, lens, depthUnit, fraction, options);
    }

    /**
     * @param geometry the geometry options
     * @return these settings with those options
     */
    public ExportSettings withOptions(GeometryOptions geometry) {
        return new ExportSettings(camera, lens, depthUnit, relativeFraction, geometry);
    }
}
