package org.depthfm.ops.geometry;

import java.io.Serializable;

/**
 * What a 3D export keeps and computes. A pixel is kept when its depth is finite, inside
 * {@code [minDepth, maxDepth]} (in the depth image's values, before any scale), seen by the camera
 * ({@link Camera#sees}), non-zero in the mask if there is one, and, when {@code maxUncertainty} is
 * finite, of uncertainty at most {@code maxUncertainty} (NaN uncertainty is then dropped too).
 * Blocks of {@code blockSize x blockSize} pixels are averaged over their kept pixels after that.
 *
 * @param blockSize the side of the pixel blocks averaged into one point, 1 for every pixel
 * @param minDepth the smallest depth kept (may be {@code -Infinity})
 * @param maxDepth the largest depth kept (may be {@code Infinity})
 * @param maxUncertainty the largest uncertainty kept; {@code Infinity} tests nothing
 * @param normals whether points and vertices carry normals
 * @param maxRelativeJump the largest {@link Camera#jump} a mesh triangle may span; wider ones
 *        cross a depth discontinuity and are dropped ({@code Infinity} keeps all)
 */
public record GeometryOptions(int blockSize, double minDepth, double maxDepth, double maxUncertainty,
        boolean normals, double maxRelativeJump) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The default {@link #maxRelativeJump()}: a triangle whose far corner is over 5% farther than its
     * near one (pinhole), or spans over 5% of the depth range (orthographic), crosses an edge.
     */
    public static final double DEFAULT_MAX_RELATIVE_JUMP = 0.05;

    /** Every pixel, no filter, with normals, the default jump. */
    public static final GeometryOptions DEFAULTS = new GeometryOptions(1, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, true, DEFAULT_MAX_RELATIVE_JUMP);

    /**
     * Checks the options.
     *
     * @param blockSize the side of the pixel blocks averaged into one point, 1 for every pixel
     * @param minDepth the smallest depth kept (may be {@code -Infinity})
     * @param maxDepth the largest depth kept (may be {@code Infinity})
     * @param maxUncertainty the largest uncertainty kept; {@code Infinity} tests nothing
     * @param normals whether points and vertices carry normals
     * @param maxRelativeJump the largest {@link Camera#jump} a mesh triangle may span; wider ones
     *        cross a depth discontinuity and are dropped ({@code Infinity} keeps all)
     * @throws IllegalArgumentException if the block size is below 1, the depth range is NaN or
     *         reversed, or a threshold is NaN or negative
     */
    public GeometryOptions {
        if (blockSize < 1) {
            throw new IllegalArgumentException("the block size must be at least 1 pixel but is " + blockSize
                    + "; use 1 for one point per pixel");
        }
        if (!(minDepth <= maxDepth)) {
            throw new IllegalArgumentException("the depth range must have min <= max but is [" + minDepth + ", "
                    + maxDepth + "]; use -Infinity or Infinity for an open end");
        }
        if (!(maxUncertainty >= 0)) {
            throw new IllegalArgumentException("the uncertainty threshold must be 0 or more but is " + maxUncertainty
                    + "; use Infinity to keep every uncertainty");
        }
        if (!(maxRelativeJump >= 0)) {
            throw new IllegalArgumentException("the largest relative depth jump must be 0 or more but is "
                    + maxRelativeJump + "; the default is " + DEFAULT_MAX_RELATIVE_JUMP + ", Infinity keeps every triangle");
        }
    }

    /**
     * @param pixels the new block size
     * @return these options with one point per {@code pixels x pixels} block
     */
    public GeometryOptions withBlockSize(int pixels) {
        return new GeometryOptions(pixels, minDepth, maxDepth, maxUncertainty, normals, maxRelativeJump);
    }

    /**
     * @param min the smallest depth kept
     * @param max the largest depth kept
     * @return these options with the depth range {@code [min, max]}
     */
    public GeometryOptions withDepthRange(double min, double max) {
        return new GeometryOptions(blockSize, min, max, maxUncertainty, normals, maxRelativeJump);
    }

    /**
     * @param threshold the largest uncertainty kept
     * @return these options dropping pixels of higher uncertainty
     */
    public GeometryOptions withMaxUncertainty(double threshold) {
        return new GeometryOptions(blockSize, minDepth, maxDepth, threshold, normals, maxRelativeJump);
    }

    /**
     * @param computed whether to compute normals
     * @return these options with or without normals
     */
    public GeometryOptions withNormals(boolean computed) {
        return new GeometryOptions(blockSize, minDepth, maxDepth, maxUncertainty, computed, maxRelativeJump);
    }

    /**
     * @param jump the largest relative depth jump of a mesh triangle
     * @return these options with that discontinuity threshold
     */
    public GeometryOptions withMaxRelativeJump(double jump) {
        return new GeometryOptions(blockSize, minDepth, maxDepth, maxUncertainty, normals, jump);
    }
}
