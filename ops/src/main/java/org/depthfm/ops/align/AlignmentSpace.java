package org.depthfm.ops.align;

/**
 * The space in which a prediction is fitted to reference depth. The prediction is given in this
 * space already; the reference is depth and is mapped into it; the aligned result is mapped back
 * to depth. The paper evaluates in {@link #LOG} space with the raw log-depth as prediction.
 */
public enum AlignmentSpace {
    /** Depth itself: {@code depth = s * p + t}, for example with the normalised depth output. */
    LINEAR {
        @Override
        public double toSpace(double depth) {
            return depth;
        }

        @Override
        public double toDepth(double value) {
            return value;
        }
    },
    /** Log-depth: {@code depth = exp(s * p + t)}, with the raw log-depth output as prediction. */
    LOG {
        @Override
        public double toSpace(double depth) {
            return Math.log(depth);
        }

        @Override
        public double toDepth(double value) {
            return Math.exp(value);
        }
    },
    /** Inverse depth: {@code depth = 1 / (s * p + t)}, with a disparity map as prediction. */
    DISPARITY {
        @Override
        public double toSpace(double depth) {
            return 1 / depth;
        }

        @Override
        public double toDepth(double value) {
            return 1 / value;
        }
    };

    /**
     * Maps reference depth into this space.
     *
     * @param depth a depth accepted by {@link #accepts}
     * @return its value in this space
     */
    public abstract double toSpace(double depth);

    /**
     * Maps a value of this space back to depth.
     *
     * @param value the value
     * @return the depth; for {@link #DISPARITY} a value of 0 or less gives an infinite or negative depth
     */
    public abstract double toDepth(double value);

    /**
     * Whether a reference depth can be used in this space.
     *
     * @param depth the reference depth
     * @return true if it is finite, and for {@link #LOG} and {@link #DISPARITY} positive
     */
    public boolean accepts(double depth) {
        return Double.isFinite(depth) && (this == LINEAR || depth > 0);
    }
}
