package org.depthfm.imagej.geometry;

import ij.ImagePlus;
import java.nio.file.Path;

/**
 * The ImageJ images of one 3D export; none is ever modified. The companions must have the depth's
 * width and height, and either one plane or as many (slices x frames) as the depth, in which case
 * the same plane is used.
 *
 * @param depth the depth image: one gray channel (32-bit, 16-bit or 8-bit), values growing with
 *        distance (the "depth" output, not disparity)
 * @param frame the plane of the depth to export, 0-based over slices and frames (slices fastest)
 * @param image the colour source, or null; RGB images give their colours, others their plane as
 *        ImageJ shows it (LUT and display range)
 * @param uncertainty the per-pixel uncertainty in the depth's unit, or null
 * @param mask non-zero where pixels are kept, or null
 * @param photo the photo whose EXIF gives the focal length, or null for the colour image's own
 *        file (if it was opened from one)
 */
public record SurfaceSource(ImagePlus depth, int frame, ImagePlus image, ImagePlus uncertainty, ImagePlus mask,
        Path photo) {

    /**
     * @param depth the depth image
     * @return the first plane of the depth alone
     */
    public static SurfaceSource of(ImagePlus depth) {
        return new SurfaceSource(depth, 0, null, null, null, null);
    }

    /**
     * @param colour the colour source, or null
     * @return this source with that colour image
     */
    public SurfaceSource withImage(ImagePlus colour) {
        return new SurfaceSource(depth, frame, colour, uncertainty, mask, photo);
    }

    /**
     * @param perPixel the uncertainty image, or null
     * @return this source with that uncertainty
     */
    public SurfaceSource withUncertainty(ImagePlus perPixel) {
        return new SurfaceSource(depth, frame, image, perPixel, mask, photo);
    }

    /**
     * @param keep the mask, or null
     * @return this source with that mask
     */
    public SurfaceSource withMask(ImagePlus keep) {
        return new SurfaceSource(depth, frame, image, uncertainty, keep, photo);
    }

    /**
     * @param plane the plane index, 0-based
     * @return this source exporting that plane
     */
    public SurfaceSource withFrame(int plane) {
        return new SurfaceSource(depth, plane, image, uncertainty, mask, photo);
    }

    /**
     * @param file the photo to read the EXIF of, or null
     * @return this source with that photo
     */
    public SurfaceSource withPhoto(Path file) {
        return new SurfaceSource(depth, frame, image, uncertainty, mask, file);
    }
}
