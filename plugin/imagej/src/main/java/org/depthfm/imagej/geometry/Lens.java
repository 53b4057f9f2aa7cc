package org.depthfm.imagej.geometry;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.depthfm.base.Defaults;
import org.depthfm.ops.geometry.Pinhole;

/**
 * Where a pinhole camera's focal length comes from: the photo's EXIF ({@link ExifLens}, falling
 * back to a horizontal field of view of {@link Defaults#FIELD_OF_VIEW} degrees with a line saying
 * so), or a value the user gives as a real focal length with the sensor width, a 35 mm-equivalent
 * focal length, a horizontal field of view, or a focal length in pixels. Every camera is centred
 * with square pixels (the equations are {@link Pinhole}'s).
 *
 * @param kind which of the ways
 * @param value the focal length (mm or pixels) or the field of view (degrees); unused for EXIF
 * @param sensorWidthMm the sensor width in mm, for {@link Kind#FOCAL_LENGTH_MM} only
 */
public record Lens(Kind kind, double value, double sensorWidthMm) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The ways of giving a focal length. */
    public enum Kind {
        /** The photo's EXIF, else the default field of view. */
        EXIF,
        /** The real focal length in mm, with the sensor width in mm. */
        FOCAL_LENGTH_MM,
        /** The 35 mm-equivalent focal length in mm. */
        EQUIVALENT_35MM,
        /** The horizontal field of view in degrees. */
        FIELD_OF_VIEW,
        /** The focal length in pixels. */
        PIXELS
    }

    /**
     * Checks the values.
     *
     * @param kind which of the ways
     * @param value the focal length (mm or pixels) or the field of view (degrees); unused for EXIF
     * @param sensorWidthMm the sensor width in mm, for {@link Kind#FOCAL_LENGTH_MM} only
     * @throws IllegalArgumentException if a value the kind needs is not positive and finite, or a
     *         field of view is not below 180 degrees
     */
    public Lens {
        if (kind == null) {
            throw new IllegalArgumentException("say where the focal length comes from (EXIF, mm with the sensor width,"
                    + " 35 mm equivalent, field of view or pixels)");
        }
        if (kind != Kind.EXIF && !(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the " + name(kind) + " must be positive but is " + value);
        }
        if (kind == Kind.FIELD_OF_VIEW && value >= 180) {
            throw new IllegalArgumentException("the horizontal field of view must be below 180 degrees but is " + value);
        }
        if (kind == Kind.FOCAL_LENGTH_MM && !(sensorWidthMm > 0 && sensorWidthMm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a focal length in mm needs the sensor width in mm (for example 36 for"
                    + " full frame, 23.5 for APS-C, 6.2 for a 1/2.3\" phone sensor), but it is " + sensorWidthMm
                    + "; or give the 35 mm-equivalent focal length instead");
        }
    }

    /** @return the focal length from the photo's EXIF, else the default field of view */
    public static Lens exif() {
        return new Lens(Kind.EXIF, Double.NaN, Double.NaN);
    }

    /**
     * @param focalLengthMm the real focal length in mm
     * @param sensorWidthMm the sensor width in mm
     * @return that lens
     */
    public static Lens focalLength(double focalLengthMm, double sensorWidthMm) {
        return new Lens(Kind.FOCAL_LENGTH_MM, focalLengthMm, sensorWidthMm);
    }

    /**
     * @param focalLength35mm the 35 mm-equivalent focal length in mm
     * @return that lens
     */
    public static Lens equivalent35mm(double focalLength35mm) {
        return new Lens(Kind.EQUIVALENT_35MM, focalLength35mm, Double.NaN);
    }

    /**
     * @param degrees the horizontal field of view
     * @return that lens
     */
    public static Lens fieldOfView(double degrees) {
        return new Lens(Kind.FIELD_OF_VIEW, degrees, Double.NaN);
    }

    /**
     * @param focalLengthPixels the focal length in pixels
     * @return that lens
     */
    public static Lens pixels(double focalLengthPixels) {
        return new Lens(Kind.PIXELS, focalLengthPixels, Double.NaN);
    }

    /** @return whether the user gave the focal length (anything but EXIF) */
    public boolean given() {
        return kind != Kind.EXIF;
    }

    /**
     * The camera for an image of a size.
     *
     * @param width the depth image's width, in pixels
     * @param height its height
     * @param photo the photo whose EXIF to read, or null when there is none
     * @param notes receives one line saying where the focal length came from
     * @return the centred pinhole camera
     */
    public Pinhole camera(long width, long height, Path photo, Consumer<String> notes) {
        Pinhole camera = switch (kind) {
            case FOCAL_LENGTH_MM -> Pinhole.fromFocalLength(value, sensorWidthMm, width, height);
            case EQUIVALENT_35MM -> Pinhole.from35mmEquivalent(value, width, height);
            case FIELD_OF_VIEW -> Pinhole.fromHorizontalFieldOfView(value, width, height);
            case PIXELS -> new Pinhole(value, value, width / 2.0, height / 2.0);
            case EXIF -> fromExif(width, height, photo, notes);
        };
        if (kind != Kind.EXIF) {
            notes.accept("focal length: " + describe() + ", " + number(camera.fx()) + " pixels");
        }
        return camera;
    }

    private static Pinhole fromExif(long width, long height, Path photo, Consumer<String> notes) {
        ExifLens exif = photo == null ? ExifLens.NONE : ExifLens.read(photo);
        Optional<Pinhole> camera = exif.camera(width, height);
        if (camera.isPresent()) {
            notes.accept("focal length from the EXIF of " + photo.getFileName() + ": " + exif.describe() + ", "
                    + number(camera.get().fx()) + " pixels");
            return camera.get();
        }
        String why = photo == null ? "there is no photo to read the focal length from"
                : exif == ExifLens.NONE || !(exif.focalLengthMm() > 0) ? photo.getFileName() + " has no EXIF focal length"
                : photo.getFileName() + " gives the focal length " + exif.describe() + " without a 35 mm equivalent or"
                        + " a focal-plane resolution, so its size in pixels is unknown";
        Pinhole fallback = Pinhole.fromHorizontalFieldOfView(Defaults.FIELD_OF_VIEW, width, height);
        notes.accept(why + ": using the default horizontal field of view of " + number(Defaults.FIELD_OF_VIEW)
                + " degrees, " + number(fallback.fx()) + " pixels (give the focal length to override)");
        return fallback;
    }

    private String describe() {
        return switch (kind) {
            case FOCAL_LENGTH_MM -> number(value) + " mm on a " + number(sensorWidthMm) + " mm wide sensor";
            case EQUIVALENT_35MM -> number(value) + " mm in 35 mm terms";
            case FIELD_OF_VIEW -> "horizontal field of view " + number(value) + " degrees";
            case PIXELS -> number(value) + " pixels as given";
            case EXIF -> "from EXIF";
        };
    }

    private static String name(Kind kind) {
        return switch (kind) {
            case FOCAL_LENGTH_MM -> "focal length (mm)";
            case EQUIVALENT_35MM -> "35 mm-equivalent focal length (mm)";
            case FIELD_OF_VIEW -> "field of view (degrees)";
            case PIXELS -> "focal length (pixels)";
            case EXIF -> "EXIF";
        };
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
    }
}
