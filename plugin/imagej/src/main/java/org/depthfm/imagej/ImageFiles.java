package org.depthfm.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depthfm.base.AtomicFile;

/**
 * Reading images through ImageJ's openers (which in Fiji hand microscopy formats to Bio-Formats)
 * and writing TIFFs atomically: a result file is either complete or absent, never half-written.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * @param path an image file
     * @return the image
     * @throws IllegalArgumentException if the file is missing or no opener can read it
     */
    public static ImagePlus open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(Files.isDirectory(path) ? path + " is a folder, not an image"
                    : "no such image: " + path);
        }
        ImagePlus imp = IJ.openImage(path.toString());
        if (imp == null || imp.getWidth() == 0) {
            throw new IllegalArgumentException("cannot read " + path + ": not an image ImageJ can open (TIFF, PNG,"
                    + " JPEG, BMP, GIF; in Fiji also the Bio-Formats formats), or the file is damaged");
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
