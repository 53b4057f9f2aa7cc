package org.depthfm.fiji;

import ij.IJ;
import ij.measure.ResultsTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The DepthFM tables where there is a display and where there is none. With a display each table
 * is a window of its own title, which grows by a row per run. Headless ImageJ 1 has no table
 * windows ({@code ResultsTable.show} does nothing there), so the rows are written to the log
 * (standard output), and a table that a macro needs to read or save goes to ImageJ's Results
 * table instead, the one table a headless macro can use ({@code getResult}, {@code saveAs("Results", …)}).
 */
final class Tables {
    private Tables() {
    }

    /**
     * @param title the table's window title
     * @param resultsWhenHeadless whether, headless, the rows go to ImageJ's Results table
     * @return the table to add rows to: the open window's, a new one, or headless either ImageJ's
     *     Results table or a new one
     */
    static ResultsTable forRows(String title, boolean resultsWhenHeadless) {
        if (Unattended.headless()) {
            return resultsWhenHeadless ? ResultsTable.getResultsTable() : new ResultsTable();
        }
        ResultsTable rt = ResultsTable.getResultsTable(title);
        return rt != null ? rt : new ResultsTable();
    }

    /**
     * @param resultsWhenHeadless whether, headless, the rows go to ImageJ's Results table
     * @return an empty table for a table that each run replaces: a new one, or headless either
     *     ImageJ's Results table, emptied, or a new one
     */
    static ResultsTable replacing(boolean resultsWhenHeadless) {
        if (Unattended.headless() && resultsWhenHeadless) {
            ResultsTable rt = ResultsTable.getResultsTable();
            rt.reset();
            return rt;
        }
        return new ResultsTable();
    }

    /**
     * Shows the table in its window; headless, writes its last {@code rows} rows to the log and,
     * for ImageJ's Results table, says so.
     *
     * @param rt the table
     * @param title its window title
     * @param rows how many of its last rows to write to the log when headless
     */
    static void show(ResultsTable rt, String title, int rows) {
        if (!Unattended.headless()) {
            rt.show(title);
            return;
        }
        String[] headings = rt.getHeadings();
        for (int row = Math.max(0, rt.size() - rows); row < rt.size(); row++) {
            List<String> cells = new ArrayList<>();
            for (String h : headings) {
                if (!h.equals(" ")) {
                    cells.add(h + "=" + rt.getStringValue(h, row));
                }
            }
            IJ.log(title + ": " + String.join(", ", cells));
        }
        if (rt == ResultsTable.getResultsTable()) {
            IJ.log(title + ": " + rt.size() + " rows in the Results table (headless, there are no table windows)");
        }
    }
}
