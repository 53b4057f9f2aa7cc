package org.depthfm.ops.metrics;

/**
 * The mean absolute error in the high- and low-uncertainty parts of an image (paper §4: on
 * Middlebury-2014 the error is on average 3.21 times higher where the uncertainty is high).
 *
 * @param highMeanError mean {@code |p - d|} where the uncertainty is above the threshold; NaN if
 *        no pixel is
 * @param lowMeanError mean {@code |p - d|} where it is at or below the threshold; NaN if no pixel is
 * @param highCount how many pixels are above the threshold
 * @param lowCount how many pixels are at or below it
 */
public record ErrorByUncertainty(double highMeanError, double lowMeanError, long highCount, long lowCount) {

    /**
     * How many times larger the error is where the uncertainty is high.
     *
     * @return {@code highMeanError / lowMeanError}
     */
    public double ratio() {
        return highMeanError / lowMeanError;
    }
}
