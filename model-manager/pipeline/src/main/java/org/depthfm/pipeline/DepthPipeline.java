package org.depthfm.pipeline;

import java.util.ArrayList;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthPredictor;
import org.depthfm.engine.flow.Prediction;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.Trace;
import org.depthfm.ops.align.Alignment;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.ScaleShift;
import org.depthfm.ops.align.TemporalAlignment;
import org.depthfm.ops.convert.ModelInput;
import org.depthfm.ops.depth.DepthMaps;
import org.depthfm.ops.depth.DepthNormalization;
import org.depthfm.ops.depth.Uncertainty;
import org.depthfm.ops.resample.PilBilinear;
import net.imglib2.view.Views;

/**
 * One frame, image to depth, as the official {@code inference.py} does it: convert and resize to
 * the processing size (ops), predict (model), map the log-depth to the chosen output with one
 * normalisation shared by the mean, the members and the uncertainty, and resize back to the
 * input size with PIL's bilinear filter (ops).
 */
public final class DepthPipeline {
    private DepthPipeline() {
    }

    /**
     * The maps of one frame at the input size.
     *
     * @param depth (W, H) the depth output
     * @param uncertainty (W, H) the ensemble's standard deviation in the output's units, or null
     * @param members (W, H, E) each member mapped like the depth, or null
     * @param processingWidth the width the network saw
     * @param processingHeight the height the network saw
     */
    public record FrameResult(RandomAccessibleInterval<FloatType> depth, RandomAccessibleInterval<FloatType> uncertainty,
            RandomAccessibleInterval<FloatType> members, int processingWidth, int processingHeight) {
    }

    /**
     * @param <T> the pixel type
     * @param model the model
     * @param frame (W, H) or (W, H, C); never modified
     * @param options what to compute
     * @param progress progress of the ODE steps, and cancellation between them
     * @return the maps at (W, H)
     * @throws IllegalArgumentException for a frame the model cannot take (NaN, constant, ambiguous channels)
     */
    public static <T extends RealType<T>> FrameResult estimate(DepthFM model, RandomAccessibleInterval<T> frame,
            EstimateOptions options, Progress progress) {
        long w = frame.dimension(0);
        long h = frame.dimension(1);
        RandomAccessibleInterval<T> rgb = options.rgbChannels() == null ? ModelInput.rgb(frame)
                : ModelInput.rgb(frame, options.rgbChannels()[0], options.rgbChannels()[1], options.rgbChannels()[2]);
        if (options.tileSize() > 0) {
            return TiledPipeline.estimate(model, rgb, options, progress);
        }
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(rgb, processingSide(w, h, options.processingRes()),
                model.sizeMultiple());
        // the size the network sees goes with every step's report (status line, progress line)
        Progress at = progress.part(0, 1, "at " + input.dimension(0) + "x" + input.dimension(1) + ", ");
        Prediction p = DepthPredictor.predict(model, input, options.sampling(), at, Trace.NONE);
        DepthNormalization n = DepthNormalization.fit(p.ensembleMean(), options.output());
        RandomAccessibleInterval<FloatType> depth = PilBilinear.resize(DepthMaps.map(p.ensembleMean(), n), w, h);
        RandomAccessibleInterval<FloatType> sigma = options.uncertainty()
                ? PilBilinear.resize(Uncertainty.standardDeviation(p.members(), n), w, h) : null;
        RandomAccessibleInterval<FloatType> members = options.members()
                ? PilBilinear.resize(DepthMaps.map(p.members(), n), w, h) : null;
        return new FrameResult(depth, sigma, members, (int) input.dimension(0), (int) input.dimension(1));
    }

    /**
     * The processing size is a limit: an image whose longer side is above it is reduced to it, a
     * smaller one runs at its own size (as the official code does at its default).
     *
     * @param width the image's width
     * @param height the image's height
     * @param processingRes the processing size, 0 for always the original size
     * @return the longer side to resize to, 0 for the original size ({@link ModelInput#prepare})
     */
    static int processingSide(long width, long height, int processingRes) {
        return processingRes > 0 && Math.max(width, height) > processingRes ? processingRes : 0;
    }

    /**
     * Temporal consistency for stacks (paper appendix): each frame's scale and shift are fitted
     * by least squares to the previous, already aligned frame (the first is kept). The
     * uncertainty scales with the frame's |scale|, and the members follow their frame's fit.
     *
     * @param frames the frames' results, in time order
     * @return the aligned results
     */
    public static List<FrameResult> alignOverTime(List<FrameResult> frames) {
        List<RandomAccessibleInterval<FloatType>> depths = frames.stream().map(FrameResult::depth).toList();
        RandomAccessibleInterval<FloatType> aligned = ArrayImgs.floats(Views.stack(depths).dimensionsAsLongArray());
        List<ScaleShift> fits = TemporalAlignment.align(Views.stack(depths), 0, AlignmentSpace.LINEAR, aligned);
        List<FrameResult> out = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) {
            FrameResult f = frames.get(k);
            ScaleShift fit = fits.get(k);
            double scale = Math.abs(fit.scale());
            RandomAccessibleInterval<FloatType> sigma = f.uncertainty() == null ? null
                    : Alignment.apply(f.uncertainty(), new ScaleShift(scale, 0, AlignmentSpace.LINEAR, 0));
            RandomAccessibleInterval<FloatType> members = f.members() == null ? null : Alignment.apply(f.members(), fit);
            out.add(new FrameResult(Views.hyperSlice(aligned, 2, k), sigma, members, f.processingWidth(),
                    f.processingHeight()));
        }
        return out;
    }
}
