package org.depthfm.ops.tiles;

import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.ScaleShift;

/**
 * The alignment of one tile's depth {@code p} to the global depth:
 * {@code aligned = exp(s * log(max(p, floor)) + t)}, that is {@code e^t * max(p, floor)^s}.
 *
 * @param logDepth the scale {@code s} and shift {@code t} in {@link AlignmentSpace#LOG}; its
 *        {@code samples} are the pixels the fit used
 * @param floor the smallest tile depth used: zero, negative and smaller depths are raised to it
 *        before the log, so that they align to the tile's nearest representable depth instead of
 *        {@code exp(s * -inf)}; {@link TileAlignment#FLOOR} times the tile's largest depth
 */
public record TileFit(ScaleShift logDepth, double floor) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the fit is not in log space or the floor not positive
     */
    public TileFit {
        if (logDepth.space() != AlignmentSpace.LOG || !(floor > 0)) {
            throw new IllegalArgumentException("a tile fit is a log-depth fit with a positive floor, not "
                    + logDepth.space() + " with floor " + floor + "; use TileAlignment.fit");
        }
    }

    /**
     * Aligns one depth value of the tile.
     *
     * @param depth the tile's depth
     * @return the aligned depth, positive; NaN where the depth is not finite
     */
    public double apply(double depth) {
        return Double.isFinite(depth) ? logDepth.apply(Math.log(Math.max(depth, floor))) : Double.NaN;
    }

    /**
     * Carries a standard deviation of the tile's depth through the alignment, to first order:
     * {@code d aligned / d p = s * aligned / p}, so {@code sigma' = s * aligned / max(p, floor) * sigma}.
     * Equivalently the relative deviation {@code sigma / p} (about the log-depth deviation) is
     * multiplied by {@code s}.
     *
     * @param depth the tile's depth
     * @param deviation its standard deviation, in the tile's depth units
     * @return the deviation of the aligned depth, in the merged depth's units; NaN where either input
     *         is not finite
     */
    public double applyToDeviation(double depth, double deviation) {
        if (!Double.isFinite(deviation)) {
            return Double.NaN;
        }
        return logDepth.scale() * apply(depth) / Math.max(depth, floor) * deviation;
    }
}
