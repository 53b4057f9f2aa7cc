package org.depthfm.plugin.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
     * @throws UncheckedIOException if writing fails; no partial file is left
     */
    public static void saveTiff(ImagePlus imp, Path path) {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".part");
            boolean ok = imp.getStackSize() > 1 ? new FileSaver(imp).saveAsTiffStack(tmp.toString())
                    : new FileSaver(imp).saveAsTiff(tmp.toString());
            if (!ok) {
                throw new IOException("ImageJ could not write " + path + " (disk full or no permission?)");
            }
            move(tmp, path);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the temporary file is hidden and named .part; leaving it does no harm
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
