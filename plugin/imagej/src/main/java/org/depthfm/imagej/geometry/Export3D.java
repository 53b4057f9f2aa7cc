package org.depthfm.imagej.geometry;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import net.imglib2.img.array.ArrayImgs;
import org.depthfm.ops.geometry.Camera;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Orthographic;
import org.depthfm.ops.geometry.Pinhole;
import org.depthfm.ops.geometry.Projection;
import org.depthfm.ops.geometry.Surface;

/**
 * A depth image of ImageJ as 3D: checks the images, chooses the camera ({@link CameraModel}) from
 * the calibration, the depth's unit, the user's focal length or the photo's EXIF, counts what is
 * kept, and gives a {@link PreparedSurface} to build points, meshes and normal maps from
 * ({@link Export3DFiles} writes them).
 *
 * <p>Units. Orthographic points are in the calibration's unit: {@code x = i * pixelWidth},
 * {@code y = j * pixelHeight}, and the depth is converted from its own unit when the two differ
 * (both must be lengths). Pinhole points are in the depth's unit. Relative depth has none: its range
 * spans a fraction of the image width ({@link Projection#relativeZScale}), in the calibration's
 * unit when the image has one, else in pixels, and files say it is relative.
 */
public final class Export3D {
    /** ImageJ's value unit of an image without an intensity calibration: no depth unit. */
    private static final String GRAY_VALUE = "Gray Value";

    private Export3D() {
    }

    /**
     * Checks the images and settings and chooses the camera.
     *
     * @param source the depth and its companions
     * @param settings the camera, lens, unit and options
     * @return the prepared surface, with notes saying what was chosen and dropped
     * @throws IllegalArgumentException naming the problem and the fix: a missing or colour depth, a
     *         companion of another size, an empty mask, a camera the depth or calibration cannot
     *         support, a threshold without an uncertainty image, or no pixel left
     */
    public static PreparedSurface prepare(SurfaceSource source, ExportSettings settings) {
        ImagePlus depthImage = source.depth();
        requireDepth(depthImage, source.frame());
        String title = stem(depthImage.getTitle());
        int w = depthImage.getWidth();
        int h = depthImage.getHeight();
        float[] depth = floats(plane(depthImage, source.frame()));
        float[] mask = source.mask() == null ? null : floats(companion("mask", source.mask(), source));
        float[] uncertainty = source.uncertainty() == null ? null
                : floats(companion("uncertainty", source.uncertainty(), source));
        GeometryOptions options = settings.options();
        if (options.maxUncertainty() < Double.POSITIVE_INFINITY && uncertainty == null) {
            throw new IllegalArgumentException("an uncertainty threshold (" + options.maxUncertainty() + ") needs an"
                    + " uncertainty image of the depth's size: choose one, or leave the threshold unset");
        }
        if (mask != null && allZero(mask)) {
            throw new IllegalArgumentException("the mask '" + source.mask().getTitle() + "' is empty (all 0), so no"
                    + " pixel would be kept: non-zero pixels are kept; choose a mask that marks the part to export");
        }
        List<String> notes = new ArrayList<>();
        Projection projection = projection(source, settings, depth, mask, uncertainty, notes);
        PreparedSurface.Counts counts = count(depth, mask, uncertainty, options, projection).counts;
        if (counts.kept() == 0) {
            throw new IllegalArgumentException("no pixel of '" + depthImage.getTitle() + "' is left to export ("
                    + counts.describe() + "); check the depth, the mask, the depth range and the uncertainty threshold");
        }
        notes.add(counts.describe());
        Surface surface = Surface.of(ArrayImgs.floats(depth, w, h));
        if (source.image() != null) {
            surface = surface.withColour(ArrayImgs.unsignedBytes(rgb(source.image(),
                    companion("image", source.image(), source)), w, h, 3));
        }
        if (uncertainty != null) {
            surface = surface.withUncertainty(ArrayImgs.floats(uncertainty, w, h));
        }
        if (mask != null) {
            surface = surface.withMask(ArrayImgs.floats(mask, w, h));
        }
        return new PreparedSurface(title, surface, projection, options, counts, notes);
    }

    private static Projection projection(SurfaceSource source, ExportSettings settings, float[] depth, float[] mask,
            float[] uncertainty, List<String> notes) {
        ImagePlus d = source.depth();
        Calibration cal = d.getCalibration();
        String depthUnit = depthUnit(settings, d);
        String pixelUnit = LengthUnit.canonical(cal.getUnit());
        boolean calibrated = cal.scaled() && LengthUnit.metres(pixelUnit).isPresent();
        CameraModel model = settings.camera();
        if (model == CameraModel.AUTO) {
            model = settings.lens().given() ? CameraModel.PINHOLE : depthUnit.isEmpty() ? CameraModel.RELATIVE
                    : calibrated ? CameraModel.ORTHOGRAPHIC : CameraModel.PINHOLE;
            notes.add("camera: " + model.id() + " (auto: " + (settings.lens().given() ? "a focal length is given"
                    : depthUnit.isEmpty() ? "the depth has no unit, so it is relative"
                    : calibrated ? "metric depth on a calibrated image" : "metric depth on an uncalibrated image")
                    + ")");
        }
        String what = "'" + d.getTitle() + "'";
        switch (model) {
            case PINHOLE -> {
                if (depthUnit.isEmpty()) {
                    throw new IllegalArgumentException("a pinhole camera needs metric depth, but " + what + " has no"
                            + " depth unit (relative depth, as Estimate Depth gives): complete it with known depths"
                            + " first (Depth Completion, depthfm complete), give its unit if it is metric, or use the"
                            + " relative camera");
                }
                Pinhole camera = settings.lens().camera(d.getWidth(), d.getHeight(), photo(source), notes::add);
                return Projection.metric(camera, depthUnit);
            }
            case ORTHOGRAPHIC -> {
                if (depthUnit.isEmpty()) {
                    throw new IllegalArgumentException("an orthographic camera needs metric depth, but " + what
                            + " has no depth unit (relative depth): complete it with known depths first, give its"
                            + " unit if it is metric, or use the relative camera (which keeps the pixel size)");
                }
                if (!calibrated) {
                    throw new IllegalArgumentException("an orthographic camera needs the pixel size, but " + what
                            + " is not spatially calibrated (unit '" + cal.getUnit() + "'): set it (Image > Properties)"
                            + " or use the pinhole camera");
                }
                double scale = unitScale(depthUnit, pixelUnit, what);
                if (scale != 1) {
                    notes.add(String.format(Locale.ROOT, "depth in %s converted to the pixels' %s (x %s)", depthUnit,
                            pixelUnit, scale));
                }
                Orthographic camera = new Orthographic(cal.pixelWidth, cal.pixelHeight, pixelUnit);
                return new Projection(camera, scale, pixelUnit, false);
            }
            default -> {
                Orthographic camera = calibrated ? new Orthographic(cal.pixelWidth, cal.pixelHeight, pixelUnit)
                        : Orthographic.pixels();
                Kept kept = count(depth, mask, uncertainty, settings.options(), new Projection(camera, 1,
                        camera.unit(), true));
                if (kept.counts.kept() == 0) {
                    throw new IllegalArgumentException("no pixel of " + what + " is left to export ("
                            + kept.counts.describe() + "); check the depth, the mask, the depth range and the"
                            + " uncertainty threshold");
                }
                double scale = Projection.relativeZScale(kept.min, kept.max, d.getWidth(), settings.relativeFraction())
                        * camera.pixelWidth();
                notes.add(String.format(Locale.ROOT, "relative depth: z = %.6g x depth, so the depth range [%.6g, %.6g]"
                        + " spans %s of the image width, in %s", scale, kept.min, kept.max,
                        settings.relativeFraction(), camera.unit()));
                return new Projection(camera, scale, camera.unit(), true);
            }
        }
    }

    private static String depthUnit(ExportSettings settings, ImagePlus depth) {
        String unit = settings.depthUnit().isEmpty() ? depth.getCalibration().getValueUnit() : settings.depthUnit();
        return unit == null || unit.isBlank() || unit.equals(GRAY_VALUE) ? "" : LengthUnit.canonical(unit);
    }

    private static double unitScale(String depthUnit, String pixelUnit, String what) {
        if (depthUnit.equals(pixelUnit)) {
            return 1;
        }
        OptionalDouble from = LengthUnit.metres(depthUnit);
        OptionalDouble to = LengthUnit.metres(pixelUnit);
        if (from.isEmpty() || to.isEmpty()) {
            throw new IllegalArgumentException("the depth of " + what + " is in '" + depthUnit + "' but its pixels in '"
                    + pixelUnit + "', and one is not a length unit (nm, µm, mm, cm, m, km, inch): give the depth's"
                    + " unit, or calibrate the image in the same unit (Image > Properties)");
        }
        // 12 digits: 1e-3 / 1e-6 is 1000.0000000000001 in binary
        return Double.parseDouble(String.format(Locale.ROOT, "%.12g", from.getAsDouble() / to.getAsDouble()));
    }

    /** The photo whose EXIF to read: the given one, else the colour image's file. */
    private static Path photo(SurfaceSource source) {
        if (source.photo() != null) {
            return source.photo();
        }
        FileInfo info = source.image() == null ? null : source.image().getOriginalFileInfo();
        return info == null || info.fileName == null || info.directory == null || info.directory.isEmpty() ? null
                : Path.of(info.getFilePath());
    }

    /** Counts and the depth range of the kept pixels. */
    private record Kept(PreparedSurface.Counts counts, double min, double max) {
    }

    private static Kept count(float[] depth, float[] mask, float[] uncertainty, GeometryOptions o, Projection p) {
        long nonFinite = 0;
        long masked = 0;
        long outOfRange = 0;
        long behind = 0;
        long uncertain = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean testUncertainty = o.maxUncertainty() < Double.POSITIVE_INFINITY;
        Camera camera = p.camera();
        for (int i = 0; i < depth.length; i++) {
            float d = depth[i];
            if (!Float.isFinite(d) || !Float.isFinite((float) (p.zScale() * d))) {
                nonFinite++;
            } else if (mask != null && mask[i] == 0) {
                masked++;
            } else if (d < o.minDepth() || d > o.maxDepth()) {
                outOfRange++;
            } else if (!camera.sees(p.zScale() * d)) {
                behind++;
            } else if (testUncertainty && !(uncertainty[i] <= o.maxUncertainty())) {
                uncertain++;
            } else {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        return new Kept(new PreparedSurface.Counts(depth.length, nonFinite, masked, outOfRange, behind, uncertain),
                min, max);
    }

    private static void requireDepth(ImagePlus depth, int frame) {
        if (depth == null) {
            throw new IllegalArgumentException("choose a depth image (open one first, or pass the depth TIFF)");
        }
        if (depth.getType() == ImagePlus.COLOR_RGB || depth.getType() == ImagePlus.COLOR_256) {
            throw new IllegalArgumentException("the depth '" + depth.getTitle() + "' is a colour image: choose the"
                    + " 32-bit depth map itself, not a coloured rendering of it");
        }
        if (depth.getNChannels() != 1) {
            throw new IllegalArgumentException("the depth '" + depth.getTitle() + "' has " + depth.getNChannels()
                    + " channels; choose a depth image of one channel (Image > Color > Split Channels)");
        }
        int planes = depth.getNSlices() * depth.getNFrames();
        if (frame < 0 || frame >= planes) {
            throw new IllegalArgumentException("the depth '" + depth.getTitle() + "' has " + planes + " plane"
                    + (planes == 1 ? "" : "s") + ", so plane " + (frame + 1) + " does not exist");
        }
    }

    /** A companion's plane: the same as the depth's when it has as many, else its only one. */
    private static ImageProcessor companion(String what, ImagePlus image, SurfaceSource source) {
        ImagePlus depth = source.depth();
        if (image.getWidth() != depth.getWidth() || image.getHeight() != depth.getHeight()) {
            throw new IllegalArgumentException("the " + what + " '" + image.getTitle() + "' is " + image.getWidth() + "x"
                    + image.getHeight() + " but the depth '" + depth.getTitle() + "' is " + depth.getWidth() + "x"
                    + depth.getHeight() + "; give the " + what + " of the depth's size (the depth of an image has its"
                    + " size)");
        }
        int planes = image.getNSlices() * image.getNFrames();
        int depthPlanes = depth.getNSlices() * depth.getNFrames();
        if (planes != 1 && planes != depthPlanes) {
            throw new IllegalArgumentException("the " + what + " '" + image.getTitle() + "' has " + planes + " planes but"
                    + " the depth " + depthPlanes + "; give one plane, or one per depth plane");
        }
        if (!what.equals("image") && (image.getType() == ImagePlus.COLOR_RGB || image.getType() == ImagePlus.COLOR_256)) {
            throw new IllegalArgumentException("the " + what + " '" + image.getTitle() + "' must be a gray image, not"
                    + " colour");
        }
        return plane(image, planes == 1 ? 0 : source.frame());
    }

    /** Plane {@code index} (slices fastest, then frames) of the first channel. */
    private static ImageProcessor plane(ImagePlus imp, int index) {
        int z = index % imp.getNSlices() + 1;
        int t = index / imp.getNSlices() + 1;
        return imp.getStack().getProcessor(imp.getStackIndex(1, z, t));
    }

    /** The raw values (no intensity calibration) as floats; a 32-bit plane's own array, read only. */
    private static float[] floats(ImageProcessor ip) {
        if (ip.getPixels() instanceof float[] f) {
            return f;
        }
        float[] out = new float[ip.getPixelCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ip.getf(i);
        }
        return out;
    }

    /** Red, green, blue planes one after another: RGB as it is, gray through the image's LUT and display range. */
    private static byte[] rgb(ImagePlus image, ImageProcessor ip) {
        if (!(ip.getPixels() instanceof int[])) {
            // a stack's plane carries neither the LUT nor the display range the image is shown with
            ip.setLut(image.getProcessor().getLut());
            ip.setMinAndMax(image.getDisplayRangeMin(), image.getDisplayRangeMax());
        }
        int[] packed = (int[]) (ip.getPixels() instanceof int[] ? ip : ip.convertToRGB()).getPixels();
        int n = packed.length;
        byte[] out = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (packed[i] >> 16);
            out[n + i] = (byte) (packed[i] >> 8);
            out[2 * n + i] = (byte) packed[i];
        }
        return out;
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param title an image title
     * @return the title without a file extension
     */
    static String stem(String title) {
        int dot = title.lastIndexOf('.');
        return dot > 0 ? title.substring(0, dot) : title;
    }
}
