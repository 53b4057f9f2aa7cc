package org.depthfm.ops.align;

import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;

/**
 * Temporal consistency for stacks and videos (paper appendix, "Video Depth Estimation"): DepthFM's
 * depth is relative, so each frame's scale and shift are fitted by least squares to the previous,
 * already aligned frame. One frame, the anchor, is kept as it is; frames after it are aligned
 * forwards, frames before it backwards, each to its aligned neighbour towards the anchor.
 *
 * <p>Frames are stacked along the last axis and given in the fit's space (for
 * {@link AlignmentSpace#LINEAR} the normalised depth output, for {@link AlignmentSpace#LOG} the
 * raw log-depth); the aligned frames are depth. Pixels that are NaN or infinite in a frame or its
 * neighbour are left out of that fit and stay NaN or infinite. Linear time; the input is never
 * modified.
 */
public final class TemporalAlignment {
    private TemporalAlignment() {
    }

    /**
     * Aligns every frame to its neighbour towards the anchor.
     *
     * @param <T> the frames' pixel type
     * @param frames the frames, {@code (X, Y, T)}, in the fit's space
     * @param anchor the frame kept as it is, counted from the first
     * @param space the space of the fits
     * @param target the aligned depth, same size as the frames
     * @return the fit of each frame, the anchor's being the identity
     * @throws IllegalArgumentException if the sizes differ, the anchor is not a frame, or a frame
     *         cannot be fitted (constant, or no valid pixels shared with its neighbour)
     */
    public static <T extends RealType<T>> List<ScaleShift> align(RandomAccessibleInterval<T> frames, int anchor,
            AlignmentSpace space, RandomAccessibleInterval<FloatType> target) {
        Checks.requireSameSize("the frames", frames, "the target", target);
        if (frames.numDimensions() < 2) {
            throw new IllegalArgumentException("frames need pixel axes and a last frames axis, not "
                    + Checks.size(frames));
        }
        long count = frames.dimension(frames.numDimensions() - 1);
        if (anchor < 0 || anchor >= count) {
            throw new IllegalArgumentException("the anchor must be one of the " + count + " frames (0 to "
                    + (count - 1) + "), not " + anchor);
        }
        // one origin for both, so that apply() reads each frame where it writes its alignment
        RandomAccessibleInterval<T> in = Views.zeroMin(frames);
        RandomAccessibleInterval<FloatType> out = Views.zeroMin(target);
        ScaleShift[] fits = new ScaleShift[Math.toIntExact(count)];
        fits[anchor] = ScaleShift.identity(space);
        Alignment.apply(frame(in, anchor), fits[anchor], frame(out, anchor));
        for (int k = anchor + 1; k < count; k++) {
            fits[k] = alignTo(in, out, k, k - 1, space);
        }
        for (int k = anchor - 1; k >= 0; k--) {
            fits[k] = alignTo(in, out, k, k + 1, space);
        }
        return Arrays.asList(fits);
    }

    /**
     * Aligns every frame into a new stack.
     *
     * @param <T> the frames' pixel type
     * @param frames the frames, {@code (X, Y, T)}, in the fit's space
     * @param anchor the frame kept as it is, counted from the first
     * @param space the space of the fits
     * @return the aligned depth, same size
     * @throws IllegalArgumentException if the anchor is not a frame or a frame cannot be fitted
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> align(
            RandomAccessibleInterval<T> frames, int anchor, AlignmentSpace space) {
        RandomAccessibleInterval<FloatType> aligned = ArrayImgs.floats(frames.dimensionsAsLongArray());
        align(frames, anchor, space, aligned);
        return aligned;
    }

    private static <T extends RealType<T>> ScaleShift alignTo(RandomAccessibleInterval<T> frames,
            RandomAccessibleInterval<FloatType> target, int k, int neighbour, AlignmentSpace space) {
        ScaleShift fit = Alignment.fit(frame(frames, k), frame(target, neighbour), space);
        Alignment.apply(frame(frames, k), fit, frame(target, k));
        return fit;
    }

    private static <T> RandomAccessibleInterval<T> frame(RandomAccessibleInterval<T> stack, int k) {
        int last = stack.numDimensions() - 1;
        return Views.hyperSlice(stack, last, stack.min(last) + k);
    }
}
