package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ij.IJ;
import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.depthfm.imagej.ImageFiles;
import org.depthfm.imagej.Provenance;

/**
 * Compares a run's outputs with the recorded ones ({@code src/test/resources/golden}, see its
 * README); shared with spark's test through this module's test jar.
 */
public final class GoldenFiles {
    private GoldenFiles() {
    }

    /**
     * Asserts that a TIFF holds the recorded one's bytes, all but its provenance (the Info, added after
     * the recording): the provenance must be there; without it, ImageJ writes the image again as the
     * recorded run wrote it, and those bytes must be the recorded ones.
     *
     * @param expected the recorded TIFF
     * @param actual the TIFF of this run
     * @param scratch a folder for the rewritten copy
     * @throws IOException if a file cannot be read
     */
    public static void assertSameTiff(Path expected, Path actual, Path scratch) throws IOException {
        ImagePlus imp = IJ.openImage(actual.toString());
        assertNotNull(imp, actual + " is not an image");
        assertNotNull(imp.getStringProperty(Provenance.PROCESSING_SIZE), actual + " has no provenance");
        imp.setProperty("Info", null);
        Path again = Files.createTempFile(scratch, "golden-", ".tif");
        ImageFiles.saveTiff(imp, again);
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(again), actual + " differs from " + expected);
    }

    /**
     * @param summary a summary CSV
     * @return its rows without the seconds and the outputs' folders, which differ between runs
     * @throws IOException if it cannot be read
     */
    public static List<String> rows(Path summary) throws IOException {
        return Files.readAllLines(summary).stream().map(l -> {
            String[] f = l.split(",", -1);
            f[2] = "";
            f[9] = f[9].replaceAll(".*/", "");
            return String.join(",", f);
        }).toList();
    }
}
