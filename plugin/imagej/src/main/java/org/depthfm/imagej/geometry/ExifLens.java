package org.depthfm.imagej.geometry;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.depthfm.ops.geometry.Pinhole;

/**
 * The lens tags of a JPEG photo's EXIF, read from the file's APP1 segment (a TIFF structure:
 * IFD0 and the Exif IFD it points to) without any library: FocalLength (tag 0x920A, mm),
 * FocalLengthIn35mmFilm (0xA405, mm), FocalPlaneXResolution (0xA20E) with its unit (0xA210) and
 * PixelXDimension / PixelYDimension (0xA002, 0xA003), the image size the resolution refers to
 * (else the JPEG frame's own size). Absent tags are NaN (or 0 for sizes). A file that is not a
 * JPEG, has no EXIF, or holds a damaged EXIF block gives {@link #NONE}, never an error: EXIF is a
 * hint, and a photo without it is still exported with the documented default.
 *
 * @param focalLengthMm the real focal length in mm, or NaN
 * @param focalLength35mm the 35 mm-equivalent focal length in mm, or NaN
 * @param focalPlanePixelsPerMm the sensor's pixels per mm along X, or NaN
 * @param pixelWidth the width, in pixels, the focal-plane resolution refers to, or 0
 * @param pixelHeight the height, in pixels, the focal-plane resolution refers to, or 0
 */
public record ExifLens(double focalLengthMm, double focalLength35mm, double focalPlanePixelsPerMm, int pixelWidth,
        int pixelHeight) {
    /** No lens tags. */
    public static final ExifLens NONE = new ExifLens(Double.NaN, Double.NaN, Double.NaN, 0, 0);

    private static final int FOCAL_LENGTH = 0x920A;
    private static final int FOCAL_LENGTH_35MM = 0xA405;
    private static final int FOCAL_PLANE_X_RESOLUTION = 0xA20E;
    private static final int FOCAL_PLANE_UNIT = 0xA210;
    private static final int PIXEL_X = 0xA002;
    private static final int PIXEL_Y = 0xA003;
    private static final int EXIF_IFD = 0x8769;
    /** The most IFD entries read; real IFDs have a few dozen, a damaged count is not followed. */
    private static final int MAX_ENTRIES = 1000;

    /**
     * Reads the lens tags of a file.
     *
     * @param file a photo; only JPEG files carry EXIF here
     * @return the tags, or {@link #NONE}
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ExifLens read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            return read(in);
        } catch (EOFException e) {
            return NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for its EXIF: " + e.getMessage(), e);
        }
    }

    /** Walks the JPEG's segments up to the image data: the APP1 Exif block and the frame size. */
    private static ExifLens read(DataInputStream in) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            return NONE;
        }
        ExifLens exif = NONE;
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) {
                return exif; // not at a marker: damaged, keep what was found
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) {
                marker = in.readUnsignedByte(); // fill bytes
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return exif; // end of image, start of scan: no EXIF after these
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                return exif;
            }
            byte[] segment = in.readNBytes(length);
            if (segment.length < length) {
                return exif;
            }
            if (marker == 0xE1 && exif == NONE && isExif(segment)) {
                exif = tiff(ByteBuffer.wrap(segment, 6, segment.length - 6).slice());
            } else if (isFrame(marker) && segment.length >= 5) {
                int height = (segment[1] & 0xFF) << 8 | segment[2] & 0xFF;
                int width = (segment[3] & 0xFF) << 8 | segment[4] & 0xFF;
                return exif == NONE || exif.pixelWidth > 0 ? exif : new ExifLens(exif.focalLengthMm, exif.focalLength35mm,
                        exif.focalPlanePixelsPerMm, width, height);
            }
        }
    }

    private static boolean isExif(byte[] s) {
        return s.length > 14 && s[0] == 'E' && s[1] == 'x' && s[2] == 'i' && s[3] == 'f' && s[4] == 0 && s[5] == 0;
    }

    /** SOF0..SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The TIFF structure of an Exif block; any inconsistency gives what was read so far. */
    private static ExifLens tiff(ByteBuffer t) {
        try {
            if (t.get(0) == 'I' && t.get(1) == 'I') {
                t.order(ByteOrder.LITTLE_ENDIAN);
            } else if (t.get(0) != 'M' || t.get(1) != 'M') {
                return NONE;
            }
            if (t.getShort(2) != 42) {
                return NONE;
            }
            Tags tags = new Tags();
            int exifIfd = ifd(t, t.getInt(4), tags);
            if (exifIfd > 0) {
                ifd(t, exifIfd, tags);
            }
            return tags.lens();
        } catch (IndexOutOfBoundsException e) {
            return NONE;
        }
    }

    /** Reads one IFD's lens tags into {@code tags}; returns the Exif IFD's offset, or 0. */
    private static int ifd(ByteBuffer t, int offset, Tags tags) {
        int entries = Short.toUnsignedInt(t.getShort(offset));
        int exifIfd = 0;
        for (int e = 0; e < Math.min(entries, MAX_ENTRIES); e++) {
            int entry = offset + 2 + 12 * e;
            int tag = Short.toUnsignedInt(t.getShort(entry));
            int type = Short.toUnsignedInt(t.getShort(entry + 2));
            switch (tag) {
                case EXIF_IFD -> exifIfd = t.getInt(entry + 8);
                case FOCAL_LENGTH -> tags.focal = number(t, entry, type);
                case FOCAL_LENGTH_35MM -> tags.focal35 = number(t, entry, type);
                case FOCAL_PLANE_X_RESOLUTION -> tags.planeResolution = number(t, entry, type);
                case FOCAL_PLANE_UNIT -> tags.planeUnit = number(t, entry, type);
                case PIXEL_X -> tags.pixelX = number(t, entry, type);
                case PIXEL_Y -> tags.pixelY = number(t, entry, type);
                default -> { }
            }
        }
        return exifIfd;
    }

    /** The first value of an entry: SHORT (3), LONG (4) in place, RATIONAL (5) at its offset; else NaN. */
    private static double number(ByteBuffer t, int entry, int type) {
        return switch (type) {
            case 3 -> Short.toUnsignedInt(t.getShort(entry + 8));
            case 4 -> Integer.toUnsignedLong(t.getInt(entry + 8));
            case 5 -> {
                int at = t.getInt(entry + 8);
                long denominator = Integer.toUnsignedLong(t.getInt(at + 4));
                yield denominator == 0 ? Double.NaN : Integer.toUnsignedLong(t.getInt(at)) / (double) denominator;
            }
            default -> Double.NaN;
        };
    }

    /** The tags as read, before they are checked. */
    private static final class Tags {
        double focal = Double.NaN;
        double focal35 = Double.NaN;
        double planeResolution = Double.NaN;
        double planeUnit = 2; // EXIF's default unit is the inch
        double pixelX = Double.NaN;
        double pixelY = Double.NaN;

        ExifLens lens() {
            double mmPerUnit = planeUnit == 2 ? 25.4 : planeUnit == 3 ? 10 : planeUnit == 4 ? 1 : planeUnit == 5 ? 1e-3
                    : Double.NaN;
            return new ExifLens(positive(focal), positive(focal35), positive(planeResolution / mmPerUnit),
                    size(pixelX), size(pixelY));
        }

        private static double positive(double v) {
            return v > 0 && v < Double.POSITIVE_INFINITY ? v : Double.NaN;
        }

        private static int size(double v) {
            return v >= 1 && v <= Integer.MAX_VALUE ? (int) v : 0;
        }
    }

    /**
     * The camera these tags give for an image of a size (the photo itself, or its depth map of the
     * same size): from the 35 mm-equivalent focal length by the diagonal convention
     * ({@link Pinhole#from35mmEquivalent}) when present, which needs no sensor size and does not
     * depend on the image's orientation or scale; else from the real focal length and the
     * focal-plane resolution: {@code f = focalLength * pixelsPerMm * s} pixels, where
     * {@code s = max(width, height) / max(pixelWidth, pixelHeight)} scales from the size the
     * resolution refers to (the long side, so a rotated photo gives the same focal length).
     *
     * @param width the image width, in pixels
     * @param height the image height, in pixels
     * @return the camera, or empty when the tags do not fix the focal length in pixels
     */
    public Optional<Pinhole> camera(long width, long height) {
        if (focalLength35mm > 0) {
            return Optional.of(Pinhole.from35mmEquivalent(focalLength35mm, width, height));
        }
        if (focalLengthMm > 0 && focalPlanePixelsPerMm > 0 && pixelWidth > 0 && pixelHeight > 0) {
            double scale = Math.max(width, height) / (double) Math.max(pixelWidth, pixelHeight);
            double f = focalLengthMm * focalPlanePixelsPerMm * scale;
            return Optional.of(new Pinhole(f, f, width / 2.0, height / 2.0));
        }
        return Optional.empty();
    }

    /** @return the tags that were found, for a report line, e.g. {@code 4.25 mm (26 mm in 35 mm terms)} */
    public String describe() {
        if (!(focalLengthMm > 0) && !(focalLength35mm > 0)) {
            return "no focal length";
        }
        StringBuilder s = new StringBuilder();
        if (focalLengthMm > 0) {
            s.append(String.format(Locale.ROOT, "%.4g mm", focalLengthMm));
        }
        if (focalLength35mm > 0) {
            s.append(s.length() > 0 ? " (" : "(").append(String.format(Locale.ROOT, "%.4g mm in 35 mm terms", focalLength35mm))
                    .append(')');
        }
        return s.toString();
    }
}
