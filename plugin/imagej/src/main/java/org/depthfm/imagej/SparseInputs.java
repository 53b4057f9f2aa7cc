package org.depthfm.imagej;

import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.measure.ResultsTable;
import ij.process.FloatPolygon;
import java.nio.file.Path;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.imagej.PointsCsv;

/**
 * Known depths from ImageJ: a sparse depth image, or a multi-point selection with one depth per
 * point in a results-table column, or a file of either kind; and the unit they are in. Inputs are never modified.
 */
public final class SparseInputs {
    /** ImageJ's value unit of an image without an intensity calibration. */
    private static final String UNCALIBRATED = "Gray Value";

    private SparseInputs() {
    }

    /**
     * Known depths and their unit.
     *
     * @param points the known depths at the image's pixels
     * @param unit their unit, or ""
     */
    public record Known(KnownPoints points, String unit) {
    }

    /**
     * Reads known depths from a file: a sparse depth image (see {@link #fromImage}) or a CSV of
     * {@code x,y,depth} lines (see {@link PointsCsv}).
     *
     * @param file the file
     * @param csv whether it is a CSV of points rather than a sparse depth image
     * @param like the image to complete
     * @param unit the unit the user gave, or blank for the sparse image's (see {@link #unit})
     * @return the points and their unit
     * @throws IllegalArgumentException for a file that gives no valid points for the image
     */
    public static Known read(Path file, boolean csv, ImagePlus like, String unit) {
        if (csv) {
            return new Known(PointsCsv.read(file, like.getWidth(), like.getHeight()), unit(unit, null));
        }
        ImagePlus sparse = ImageFiles.open(file);
        return new Known(fromImage(sparse, like), unit(unit, sparse));
    }

    /**
     * @param sparse a gray image the size of {@code like}: depth above 0 where known, 0 or NaN elsewhere
     * @param like the image to complete
     * @return the known points
     * @throws IllegalArgumentException if the sizes differ, the sparse image is colour or has more
     *     than one plane, or holds negative or infinite values
     */
    public static KnownPoints fromImage(ImagePlus sparse, ImagePlus like) {
        if (sparse.getWidth() != like.getWidth() || sparse.getHeight() != like.getHeight()) {
            throw new IllegalArgumentException("the sparse depth '" + sparse.getTitle() + "' is " + sparse.getWidth()
                    + "x" + sparse.getHeight() + " but the image '" + like.getTitle() + "' is " + like.getWidth() + "x"
                    + like.getHeight() + "; give sparse depth of the image's size");
        }
        if (sparse.getStackSize() != 1 || sparse.getType() == ImagePlus.COLOR_RGB
                || sparse.getType() == ImagePlus.COLOR_256) {
            throw new IllegalArgumentException("the sparse depth '" + sparse.getTitle() + "' must be one gray plane"
                    + " (32-bit, 16-bit or 8-bit), with 0 or NaN where the depth is unknown");
        }
        return ImageFrames.visit(sparse, 0, new ImageFrames.Visitor<KnownPoints>() {
            @Override
            public <T extends RealType<T>> KnownPoints visit(RandomAccessibleInterval<T> frame) {
                return KnownPoints.fromSparse(Views.hyperSlice(frame, 2, 0));
            }
        });
    }

    /**
     * @param image the image to complete, holding a multi-point selection of the known points
     * @param table a table with one row per point, in the selection's order
     * @param column the table's column of depths
     * @return the known points
     * @throws IllegalArgumentException if there is no multi-point selection, no such column, the
     *     counts differ, or a point or depth is invalid
     */
    public static KnownPoints fromSelection(ImagePlus image, ResultsTable table, String column) {
        if (!(image.getRoi() instanceof PointRoi roi)) {
            throw new IllegalArgumentException("image '" + image.getTitle() + "' has no multi-point selection: mark"
                    + " the known points with the Multi-point tool, one table row per point");
        }
        if (!table.columnExists(column)) {
            throw new IllegalArgumentException("the table has no column '" + column + "'; its columns are "
                    + String.join(", ", table.getHeadings()));
        }
        FloatPolygon p = roi.getFloatPolygon();
        if (p.npoints != table.size()) {
            throw new IllegalArgumentException("the selection has " + p.npoints + " points but the table has "
                    + table.size() + " rows: give one depth per point, in the selection's order");
        }
        double[] x = new double[p.npoints];
        double[] y = new double[p.npoints];
        double[] depth = new double[p.npoints];
        for (int i = 0; i < p.npoints; i++) {
            x[i] = p.xpoints[i];
            y[i] = p.ypoints[i];
            depth[i] = table.getValue(column, i);
        }
        return KnownPoints.of(x, y, depth, image.getWidth(), image.getHeight());
    }

    /**
     * @param given the unit the user gave, or blank
     * @param sparse the sparse depth image, or null
     * @return the given unit, else the sparse image's value unit if it is calibrated, else ""
     */
    public static String unit(String given, ImagePlus sparse) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        String calibrated = sparse == null ? null : sparse.getCalibration().getValueUnit();
        return calibrated == null || calibrated.equals(UNCALIBRATED) ? "" : calibrated;
    }
}
