package org.depthfm.imagej;

import ij.ImagePlus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.pipeline.DepthPipeline;
import org.depthfm.pipeline.DepthPipeline.FrameResult;
import org.depthfm.pipeline.EstimateOptions;

/**
 * Depth for an ImageJ image, stack or hyperstack: every (Z, T) position is a frame, processed one
 * at a time (so a long stack needs one frame of activations), then optionally aligned over time;
 * the results are new 32-bit images shaped and calibrated like the input, with their
 * {@link Provenance} in the Info. The input is never changed.
 */
public final class StackEstimator {
    private StackEstimator() {
    }

    /**
     * @param depth the depth map(s), magma colour map
     * @param uncertainty the uncertainty map(s), or null
     * @param members the members as channels, or null
     * @param processingWidth the width the network saw
     * @param processingHeight the height the network saw
     */
    public record Result(ImagePlus depth, ImagePlus uncertainty, ImagePlus members, int processingWidth,
            int processingHeight) {
    }

    /**
     * @param model the model
     * @param imp the input (never modified)
     * @param options what to compute
     * @param progress progress per frame and step; its cancellation stops the run between steps
     * @return the new images (not shown)
     * @throws CancellationException if cancelled; nothing is returned then
     * @throws IllegalArgumentException for an input the model cannot take
     */
    public static Result estimate(DepthFM model, ImagePlus imp, EstimateOptions options, Progress progress) {
        int frames = ImageFrames.count(imp);
        List<FrameResult> results = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            Progress part = frameProgress(progress, i, frames);
            part.checkCancelled();
            results.add(ImageFrames.visit(imp, i, new ImageFrames.Visitor<FrameResult>() {
                @Override
                public <T extends RealType<T>> FrameResult visit(RandomAccessibleInterval<T> frame) {
                    return DepthPipeline.estimate(model, frame, options, part);
                }
            }));
        }
        if (options.temporal() && frames > 1) {
            results = DepthPipeline.alignOverTime(results);
        }
        List<RandomAccessibleInterval<FloatType>> depth = results.stream().map(FrameResult::depth).toList();
        List<RandomAccessibleInterval<FloatType>> sigma = options.uncertainty()
                ? results.stream().map(FrameResult::uncertainty).toList() : null;
        String title = stem(imp.getTitle());
        ImagePlus depthImp = DepthImages.fromFrames(title + "-depth", depth, imp, DepthImages.magma());
        ImagePlus sigmaImp = sigma == null ? null : DepthImages.fromFrames(title + "-uncertainty", sigma, imp, null);
        ImagePlus membersImp = options.members()
                ? DepthImages.channelsFromFrames(title + "-members", results.stream().map(FrameResult::members).toList(), imp)
                : null;
        FrameResult first = results.get(0);
        Result result = new Result(depthImp, sigmaImp, membersImp, first.processingWidth(), first.processingHeight());
        Provenance.record(result, model, options);
        return result;
    }

    /** Maps the ODE steps of frame {@code i} of {@code n} onto the run's overall progress. */
    static Progress frameProgress(Progress progress, int i, int n) {
        return progress.part((double) i / n, 1.0 / n, String.format(Locale.ROOT, "DepthFM: frame %d/%d, ", i + 1, n));
    }

    /** @return an image title without its file extension */
    static String stem(String title) {
        int dot = title.lastIndexOf('.');
        return dot > 0 ? title.substring(0, dot) : title;
    }
}
