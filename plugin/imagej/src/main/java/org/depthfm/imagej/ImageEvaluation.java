package org.depthfm.imagej;

import ij.ImagePlus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.depthfm.pipeline.DepthEvaluation;

/**
 * Evaluates one ImageJ depth image against another: one channel each, the same number of frames
 * (the pixels of all frames are scored together), the same size.
 */
public final class ImageEvaluation {
    private ImageEvaluation() {
    }

    /**
     * The evaluation's settings.
     *
     * @param align how to align the prediction first
     * @param predictionIsLog the prediction holds log-depth
     * @param minDepth the smallest valid ground-truth depth (after {@code gtScale})
     * @param maxDepth the largest valid ground-truth depth
     * @param gtScale the ground truth's values times this are its depth (e.g. 0.001 for millimetres to metres)
     */
    public record Settings(DepthEvaluation.Align align, boolean predictionIsLog, double minDepth, double maxDepth,
            double gtScale) {
        /**
         * @throws IllegalArgumentException for a non-positive or non-finite scale
         */
        public Settings {
            if (!(gtScale > 0) || Double.isInfinite(gtScale)) {
                throw new IllegalArgumentException("the ground-truth scale must be positive, not " + gtScale);
            }
        }
    }

    /**
     * @param prediction the predicted depth
     * @param groundTruth the true depth, same size
     * @param mask non-zero where the ground truth may be used, or null
     * @param uncertainty the prediction's uncertainty map, or null
     * @param s the settings
     * @return the metrics and the fit
     * @throws IllegalArgumentException for sizes or frame counts that differ, colour or multi-channel
     *     images, an empty valid set, or a constant ground truth
     */
    public static DepthEvaluation.Report evaluate(ImagePlus prediction, ImagePlus groundTruth, ImagePlus mask,
            ImagePlus uncertainty, Settings s) {
        int frames = ImageFrames.count(groundTruth);
        RandomAccessibleInterval<FloatType> p = frames(prediction, "prediction", frames, groundTruth);
        RandomAccessibleInterval<FloatType> g = frames(groundTruth, "ground truth", frames, groundTruth);
        if (p.dimension(0) != g.dimension(0) || p.dimension(1) != g.dimension(1)) {
            throw new IllegalArgumentException("the prediction is " + p.dimension(0) + "x" + p.dimension(1)
                    + " but the ground truth " + g.dimension(0) + "x" + g.dimension(1) + "; they must match");
        }
        RandomAccessibleInterval<FloatType> gt = s.gtScale() == 1 ? g
                : Converters.convert2(g, (a, b) -> b.setReal(a.getRealDouble() * s.gtScale()), FloatType::new);
        RandomAccessibleInterval<FloatType> m = null;
        if (mask != null) {
            // one mask for every frame, or one per frame
            m = ImageFrames.count(mask) == 1 && frames > 1
                    ? Views.stack(Collections.nCopies(frames, plane(mask, "mask", 0)))
                    : frames(mask, "mask", frames, groundTruth);
        }
        RandomAccessibleInterval<FloatType> u = uncertainty == null ? null
                : frames(uncertainty, "uncertainty", frames, groundTruth);
        return DepthEvaluation.evaluate(p, s.predictionIsLog(), gt, m, u, s.align(), s.minDepth(), s.maxDepth());
    }

    /**
     * Every frame of a one-channel image: (W, H) for one frame, (W, H, frames) for a stack, whose
     * pixels are scored together.
     */
    private static RandomAccessibleInterval<FloatType> frames(ImagePlus imp, String what, int frames,
            ImagePlus groundTruth) {
        int n = ImageFrames.count(imp);
        if (n != frames) {
            throw new IllegalArgumentException("the " + what + " '" + imp.getTitle() + "' has " + n + " frame(s) but"
                    + " the ground truth '" + groundTruth.getTitle() + "' has " + frames + "; give one map per"
                    + " ground-truth frame (or one plane of each: Image > Duplicate)");
        }
        if (imp.getNChannels() != 1) {
            throw new IllegalArgumentException("the " + what + " '" + imp.getTitle() + "' has " + imp.getNChannels()
                    + " channels (an ensemble's members?); give a map with one channel");
        }
        if (n == 1) {
            return plane(imp, what, 0);
        }
        List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            planes.add(plane(imp, what, i));
        }
        return Views.stack(planes);
    }

    /** One frame's first channel as float, refusing colour images (a coloured depth map is not depth). */
    private static RandomAccessibleInterval<FloatType> plane(ImagePlus imp, String what, int index) {
        if (imp.getType() == ImagePlus.COLOR_RGB || imp.getType() == ImagePlus.COLOR_256) {
            throw new IllegalArgumentException("the " + what + " '" + imp.getTitle() + "' is a colour image; depth must"
                    + " be a single-channel 8-, 16- or 32-bit image (a colour-mapped depth picture cannot be evaluated)");
        }
        return ImageFrames.visit(imp, index, new ImageFrames.Visitor<RandomAccessibleInterval<FloatType>>() {
            @Override
            public <T extends RealType<T>> RandomAccessibleInterval<FloatType> visit(RandomAccessibleInterval<T> frame) {
                return Converters.convert2(Views.hyperSlice(frame, 2, 0), (a, b) -> b.setReal(a.getRealDouble()),
                        FloatType::new);
            }
        });
    }
}
