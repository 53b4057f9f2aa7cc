package org.depthfm.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.imagej.SparseInputs;
import org.depthfm.imagej.PointsCsv;

/** The known depths of Depth Completion, from the source the user chose. */
final class KnownDepths {
    /** A sparse depth image. */
    static final String IMAGE = "image";
    /** A CSV file of x,y,depth lines. */
    static final String CSV = "csv";
    /** The image's multi-point selection and a table column. */
    static final String SELECTION = "selection";
    private static final String SYSTEM_TABLE = "Results";

    private KnownDepths() {
    }

    /**
     * @param image the image to complete
     * @param source where the depths come from: image, csv or selection
     * @param sparse the sparse depth image (source image)
     * @param csv the CSV of x,y,depth (source csv)
     * @param table the title of the table of the selection's depths (source selection)
     * @param column the table's depth column (source selection)
     * @return the known points
     * @throws IllegalArgumentException if the chosen source is missing or invalid
     */
    static KnownPoints read(ImagePlus image, String source, ImagePlus sparse, File csv, String table, String column) {
        return switch (source) {
            case IMAGE -> {
                if (sparse == null || sparse == image) {
                    throw new IllegalArgumentException("choose the sparse depth image (sparse), another image than"
                            + " the one to complete; or take the known depths from a CSV or a selection (source)");
                }
                yield SparseInputs.fromImage(sparse, image);
            }
            case CSV -> {
                if (csv == null || csv.getPath().isBlank()) {
                    throw new IllegalArgumentException("choose the CSV file of x,y,depth lines (points_csv)");
                }
                yield PointsCsv.read(csv.toPath(), image.getWidth(), image.getHeight());
            }
            case SELECTION -> {
                if (column == null || column.isBlank()) {
                    throw new IllegalArgumentException("name the table column that holds the selected points' depths"
                            + " (points_column)");
                }
                yield SparseInputs.fromSelection(image, table(table), column.strip());
            }
            default -> throw new IllegalArgumentException("unknown source of known depths '" + source + "': use "
                    + IMAGE + ", " + CSV + " or " + SELECTION);
        };
    }

    /**
     * @param given the unit the user gave, or blank
     * @param source where the depths come from
     * @param sparse the sparse depth image, read for source image only
     * @return the given unit, else a calibrated sparse image's value unit, else ""
     */
    static String unit(String given, String source, ImagePlus sparse) {
        return SparseInputs.unit(given, source.equals(IMAGE) ? sparse : null);
    }

    private static ResultsTable table(String title) {
        String t = title == null || title.isBlank() ? SYSTEM_TABLE : title.strip();
        // the system table has no window in batch mode, so it is not found by title there
        ResultsTable rt = t.equals(SYSTEM_TABLE) ? ResultsTable.getResultsTable() : ResultsTable.getResultsTable(t);
        if (rt == null) {
            throw new IllegalArgumentException("no results table '" + t + "' is open: measure the points into it or"
                    + " open it (File > Open)");
        }
        return rt;
    }
}
