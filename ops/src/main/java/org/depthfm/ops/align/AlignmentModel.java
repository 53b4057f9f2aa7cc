package org.depthfm.ops.align;

/** Which parameters an alignment fits. */
public enum AlignmentModel {
    /** {@code s * p + t}: scale and shift, for affine-invariant (relative) depth. */
    SCALE_AND_SHIFT,
    /** {@code s * p}: scale only, for scale-invariant depth. */
    SCALE
}
