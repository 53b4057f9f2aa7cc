package org.depthfm.imagej.geometry;

import java.util.Locale;

/**
 * The camera a 3D export uses. {@link #AUTO} decides from the images: a focal length given by the
 * user means {@link #PINHOLE}; a depth without a unit (DepthFM's relative depth) means
 * {@link #RELATIVE}; a depth with a unit on a spatially calibrated image means
 * {@link #ORTHOGRAPHIC} (micrographs, scans); a depth with a unit on an uncalibrated image (a photo
 * after depth completion) means {@link #PINHOLE}.
 */
public enum CameraModel {
    /** Chosen from the images, as above. */
    AUTO,
    /** A pinhole camera: metric depth, a focal length from EXIF or the user. */
    PINHOLE,
    /** A parallel projection: metric depth, the pixel size from the image's calibration. */
    ORTHOGRAPHIC,
    /** Relative depth: scaled so its range spans a fraction of the image width, flagged relative. */
    RELATIVE;

    /**
     * @param name auto, pinhole, orthographic or relative (any case)
     * @return the camera model
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CameraModel parse(String name) {
        for (CameraModel m : values()) {
            if (m.id().equals(name == null ? "" : name.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown camera '" + name + "': use auto, pinhole, orthographic or relative");
    }

    /** @return the name in options and macros, e.g. {@code pinhole} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
