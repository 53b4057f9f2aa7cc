package org.depthfm.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthPredictor;
import org.depthfm.engine.flow.Prediction;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.Trace;
import org.depthfm.engine.runtime.MemoryPlanner;
import org.depthfm.ops.align.Alignment;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.ScaleShift;
import org.depthfm.ops.align.TemporalAlignment;
import org.depthfm.ops.convert.ModelInput;
import org.depthfm.ops.depth.DepthMaps;
import org.depthfm.ops.depth.DepthNormalization;
import org.depthfm.ops.depth.Uncertainty;
import org.depthfm.ops.resample.PilBilinear;
import org.depthfm.ops.resample.ProcessingSize;
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
     * @throws IllegalArgumentException for a frame the model cannot take (NaN, constant, ambiguous
     *     channels), or one whose processing does not fit the memory there is (refused before any
     *     pixel is read)
     */
    public static <T extends RealType<T>> FrameResult estimate(DepthFM model, RandomAccessibleInterval<T> frame,
            EstimateOptions options, Progress progress) {
        long w = frame.dimension(0);
        long h = frame.dimension(1);
        // 0. the memory verdict and the channels, before any pixel is read
        requireMemory(model, w, h, 1, 0, options);
        RandomAccessibleInterval<T> rgb = rgb(frame, options.rgbChannels());
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
     * Checks that an image of this size can be estimated with the memory there is now, from its
     * size alone: the memory planner's verdict on the model's stages at the processing size (see
     * {@code MemoryPlanner}), and the Java heap for the pixels and every frame's result maps.
     * Callers ask before they read the pixels; {@link #estimate} asks again per frame.
     *
     * @param model the model
     * @param width the image width
     * @param height the image height
     * @param frames the frames whose results are kept (slices times time points)
     * @param inputBytes the heap the input's pixels take or will take, 0 if already held
     * @param options the processing size, ensemble and outputs
     * @return the planner's batches
     * @throws IllegalArgumentException with what is needed and what is there, and the option to change
     */
    public static MemoryPlanner.Plan requireMemory(DepthFM model, long width, long height, long frames, long inputBytes,
            EstimateOptions options) {
        ProcessingSize ps = ProcessingSize.of(width, height, processingSide(width, height, options.processingRes()),
                model.sizeMultiple());
        if (options.tileSize() > 0) {
            // tiled: the larger of the global pass and one tile is what runs at a time
            ProcessingSize tile = ProcessingSize.of(Math.min(width, options.tileSize()), Math.min(height,
                    options.tileSize()), 0, model.sizeMultiple());
            ps = (long) tile.width() * tile.height() > (long) ps.width() * ps.height() ? tile : ps;
        }
        int members = options.sampling().ensembleSize();
        MemoryPlanner.Plan plan = model.plan(ps.width(), ps.height(), members);
        long pixels = width * height;
        long maps = 1 + (options.uncertainty() ? 1 : 0) + (options.members() ? members : 0);
        // each frame's maps twice (ImgLib2 results, then the ImageJ planes), plus one frame's working copies
        long heap = inputBytes + Float.BYTES * (2 * frames * maps * pixels + maps * pixels
                + (long) (ModelInput.CHANNELS + 2 * members + 2) * ps.width() * ps.height());
        long free = MemoryPlanner.freeHeap(heap);
        if (heap > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %dx%d image with %d frame(s) and %d map(s)"
                    + " each needs about %.1f GB of Java heap but only %.1f GB are free; write fewer maps (no --members),"
                    + " use fewer ensemble members (--ensemble), split the stack, or give Java more memory"
                    + " (DEPTHFM_JAVA_OPTS=-Xmx16g; in Fiji, Edit > Options > Memory & Threads)", width, height, frames,
                    maps, heap / 1e9, free / 1e9));
        }
        return plan;
    }

    /**
     * The image's red, green and blue, with the options' names for them in the messages (channels
     * counted from 1, as {@code --channels} and ImageJ count them).
     */
    static <T extends RealType<T>> RandomAccessibleInterval<T> rgb(RandomAccessibleInterval<T> frame, int[] chosen) {
        long channels = frame.numDimensions() > 2 ? frame.dimension(2) : 1;
        if (chosen == null) {
            if (channels != 1 && channels != ModelInput.CHANNELS) {
                throw new IllegalArgumentException("the image has " + channels + " channels, so which are red, green"
                        + " and blue is ambiguous: choose three, counted from 1, with --channels R,G,B (in Fiji, RGB"
                        + " channels), e.g. --channels 1,1,1 for gray from channel 1");
            }
            return ModelInput.rgb(frame);
        }
        for (int c : chosen) {
            if (c < 0 || c >= channels) {
                throw new IllegalArgumentException("--channels " + (c + 1) + ": the image has " + channels
                        + " channel(s), counted from 1; choose three of 1.." + channels + " (in Fiji, RGB channels)");
            }
        }
        return ModelInput.rgb(frame, chosen[0], chosen[1], chosen[2]);
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
