package org.depthfm.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.depthfm.base.AtomicFile;
import org.depthfm.engine.runtime.MemoryPlanner;

/**
 * Reading images through ImageJ's openers (which in Fiji hand microscopy formats to Bio-Formats),
 * each checked from its header first, and writing TIFFs atomically: a result file is either
 * complete or absent, never half-written.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Opens an image after checking its header (see {@link ImageHeader}): a damaged or truncated
     * file, a plane larger than ImageJ can hold, or pixels that do not fit the free Java heap are
     * refused before ImageJ allocates anything.
     *
     * @param path an image file
     * @return the image
     * @throws IllegalArgumentException if the file is missing, damaged, too large, or no opener can read it
     */
    public static ImagePlus open(Path path) {
        return open(path, header(path));
    }

    /**
     * @param path an image file
     * @return its header (null for a format {@link ImageHeader} does not read), checked to fit ImageJ
     *     and the free Java heap
     * @throws IllegalArgumentException if the file is missing, damaged, or too large to open
     */
    public static ImageHeader header(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(Files.isDirectory(path) ? path + " is a folder, not an image"
                    : "no such image: " + path);
        }
        ImageHeader h = ImageHeader.read(path);
        if (h == null) {
            return null;
        }
        if (h.width() * h.height() > ImageHeader.MAX_PLANE_BYTES / h.bytesPerPixel()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s declares a %dx%d image, larger than"
                    + " ImageJ can hold in one plane (2 GB); split it into tiles first", path, h.width(), h.height()));
        }
        // ImageJ decodes PNG, JPEG, GIF and BMP through a Java image first, then copies it
        long needed = h.pixelBytes() * (h.format().equals("TIFF") ? 1 : 2);
        long free = MemoryPlanner.freeHeap(needed);
        if (needed > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "opening %s (%dx%d, %d plane(s)) needs about"
                    + " %.1f GB of Java heap but only %.1f GB are free; give Java more (DEPTHFM_JAVA_OPTS=-Xmx16g; in"
                    + " Fiji, Edit > Options > Memory & Threads) or open a smaller image", path, h.width(), h.height(),
                    h.planes(), needed / 1e9, free / 1e9));
        }
        return h;
    }

    /**
     * @param path an image file
     * @param header its header from {@link #header}, or null
     * @return the image
     * @throws IllegalArgumentException if no opener can read it, or it reads another size than the header's
     */
    public static ImagePlus open(Path path, ImageHeader header) {
        ImagePlus imp = IJ.openImage(path.toString());
        if (imp == null || imp.getWidth() == 0) {
            throw new IllegalArgumentException("cannot read " + path + ": not an image ImageJ can open (TIFF, PNG,"
                    + " JPEG, BMP, GIF; in Fiji also the Bio-Formats formats), or the file is damaged");
        }
        if (header != null && (imp.getWidth() != header.width() || imp.getHeight() != header.height())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "cannot read %s: its header declares"
                    + " %dx%d pixels but ImageJ read %dx%d; the file is damaged or in a variant ImageJ misreads", path,
                    header.width(), header.height(), imp.getWidth(), imp.getHeight()));
        }
        return imp;
    }

    /**
     * Writes a TIFF via a temporary file in the same folder and an atomic rename.
     *
     * @param imp the image
     * @param path the TIFF to write (replaced if it exists)
     * @throws java.io.UncheckedIOException if writing fails; no partial file is left
     */
    public static void saveTiff(ImagePlus imp, Path path) {
        AtomicFile.writeUnchecked(path, tmp -> {
            FileSaver saver = new FileSaver(imp);
            boolean ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp.toString());
            if (!ok) {
                throw new IOException("ImageJ could not write the TIFF (disk full or no permission?)");
            }
        });
    }
}
