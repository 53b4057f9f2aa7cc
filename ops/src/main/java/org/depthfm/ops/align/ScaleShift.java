package org.depthfm.ops.align;

/**
 * A fitted alignment: {@code depth = space.toDepth(scale * prediction + shift)}.
 *
 * @param scale the scale {@code s}
 * @param shift the shift {@code t}; 0 for {@link AlignmentModel#SCALE}
 * @param space the space the fit was made in
 * @param samples how many pixels the fit used (for a robust fit, its inliers)
 */
public record ScaleShift(double scale, double shift, AlignmentSpace space, long samples) {

    /**
     * The identity in one space, which leaves the prediction as it is (mapped to depth).
     *
     * @param space the space
     * @return scale 1, shift 0, no samples
     */
    public static ScaleShift identity(AlignmentSpace space) {
        return new ScaleShift(1, 0, space, 0);
    }

    /**
     * Aligns one prediction value.
     *
     * @param prediction the prediction, in the fit's space
     * @return the aligned depth
     */
    public double apply(double prediction) {
        return space.toDepth(scale * prediction + shift);
    }
}
