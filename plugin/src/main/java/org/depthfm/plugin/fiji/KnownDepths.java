package org.depthfm.plugin.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.util.stream.Stream;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.plugin.imagej.SparseInputs;
import org.depthfm.plugin.io.PointsCsv;

/** The known depths of Depth Completion, from the one source the user gave. */
final class KnownDepths {
    private static final String SYSTEM_TABLE = "Results";

    private KnownDepths() {
    }

    /**
     * @param image the image to complete
     * @param sparse a sparse depth image, or null
     * @param csv a CSV of x,y,depth, or null
     * @param table the title of the table of the selection's depths
     * @param column the table's depth column, or blank
     * @return the known points
     * @throws IllegalArgumentException if not exactly one source is given, or it is invalid
     */
    static KnownPoints read(ImagePlus image, ImagePlus sparse, File csv, String table, String column) {
        boolean hasCsv = csv != null && !csv.getPath().isBlank();
        boolean hasColumn = column != null && !column.isBlank();
        if (Stream.of(sparse != null, hasCsv, hasColumn).filter(b -> b).count() != 1) {
            throw new IllegalArgumentException("give the known depths one way: a sparse depth image (sparse), a CSV"
                    + " of x,y,depth (points_csv), or the image's multi-point selection with a table column"
                    + " (points_column)");
        }
        if (sparse != null) {
            return SparseInputs.fromImage(sparse, image);
        }
        if (hasCsv) {
            return PointsCsv.read(csv.toPath(), image.getWidth(), image.getHeight());
        }
        return SparseInputs.fromSelection(image, table(table), column.strip());
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
