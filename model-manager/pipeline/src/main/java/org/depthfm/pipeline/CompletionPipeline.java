package org.depthfm.pipeline;

import java.util.Arrays;
import java.util.Locale;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.engine.flow.CompletionPredictor;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Guidance;
import org.depthfm.engine.flow.Prediction;
import org.depthfm.engine.runtime.MemoryPlanner;
import org.depthfm.base.Progress;
import org.depthfm.ops.align.Alignment;
import org.depthfm.ops.align.AlignmentModel;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.Ransac;
import org.depthfm.ops.align.ScaleShift;
import org.depthfm.ops.completion.CompletionConditioning;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.ops.completion.Residuals;
import org.depthfm.ops.convert.ModelInput;
import org.depthfm.ops.depth.DepthNormalization;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.ops.depth.Uncertainty;
import org.depthfm.ops.resample.PilBilinear;
import org.depthfm.ops.resample.ProcessingSize;
import org.depthfm.ops.sparse.NearestFill;

/**
 * One image and its known depths to dense depth in the points' unit: hold out a share of the
 * points, predict at the processing size (plainly, guided by the points, or conditioned on them),
 * resize the log-depth back to the input size, fit scale and shift to the given points, and
 * measure the residuals at the given and at the held-out points.
 */
public final class CompletionPipeline {
    /** RANSAC samples of the robust fit; each costs one pass over the given points. */
    private static final int RANSAC_ITERATIONS = 1000;
    /** The log-depth normalisation is the identity: the members' spread in the aligned depth's own unit. */
    private static final DepthNormalization AS_IS = new DepthNormalization(DepthOutput.LOG_DEPTH, 0, 1);

    private CompletionPipeline() {
    }

    /**
     * The maps and numbers of one completion, at the input size.
     *
     * @param depth (W, H) the dense depth, in the points' unit
     * @param uncertainty (W, H) the ensemble members' standard deviation after the same fit, in the
     *     points' unit (0 for one member)
     * @param fit the scale and shift fitted to the given points
     * @param given the points the method used
     * @param heldOut the points kept back
     * @param atGiven the residuals at the given points
     * @param atHeldOut the residuals at the held-out points (NaN statistics when none)
     * @param processingWidth the width the network saw
     * @param processingHeight the height the network saw
     */
    public record Result(RandomAccessibleInterval<FloatType> depth, RandomAccessibleInterval<FloatType> uncertainty,
            ScaleShift fit, KnownPoints given, KnownPoints heldOut, Residuals atGiven, Residuals atHeldOut,
            int processingWidth, int processingHeight) {
    }

    /**
     * @param <T> the pixel type
     * @param model the model (a completion checkpoint for {@link CompletionMethod#LEARNED}, a plain one otherwise)
     * @param frame (W, H) or (W, H, C); never modified
     * @param points the known depths, at pixels of the frame
     * @param options the method and its settings
     * @param progress progress of the ODE steps, and cancellation between them
     * @return the dense depth, its uncertainty, the fit and the residuals
     * @throws IllegalArgumentException for points or a frame that cannot be completed, or a model
     *     that does not fit the method
     */
    public static <T extends RealType<T>> Result complete(DepthFM model, RandomAccessibleInterval<T> frame,
            KnownPoints points, CompletionOptions options, Progress progress) {
        long w = frame.dimension(0);
        long h = frame.dimension(1);
        points.requireInside(w, h);
        points.requireFittable();
        KnownPoints.Split split = points.split(options.heldOut(), options.sampling().seed());
        KnownPoints given = split.given();
        try {
            given.requireFittable();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holding out " + split.heldOut().size() + " of the " + points.size()
                    + " points leaves too few: " + e.getMessage(), e);
        }
        // 1. predict at the processing size, once the memory planner says it fits
        requireMemory(model, w, h, 0, options);
        RandomAccessibleInterval<FloatType> input = ModelInput.prepare(DepthPipeline.rgb(frame, null),
                DepthPipeline.processingSide(w, h, options.processingRes()),
                model.sizeMultiple());
        long pw = input.dimension(0);
        long ph = input.dimension(1);
        RandomAccessibleInterval<FloatType> conditioning = options.method() == CompletionMethod.LEARNED
                ? PilBilinear.resize(CompletionConditioning.maps(given, w, h), pw, ph) : null;
        Guidance guidance = options.method() == CompletionMethod.GUIDED ? guidance(given, w, h, pw, ph, options) : null;
        Prediction p = CompletionPredictor.predict(model, input, conditioning, options.sampling(), guidance, progress);
        // 2. back to the input size, in the fit's space; fit to the given points
        AlignmentSpace space = options.space();
        RandomAccessibleInterval<FloatType> prediction = inSpace(PilBilinear.resize(p.ensembleMean(), w, h), space);
        RandomAccessibleInterval<FloatType> members = inSpace(PilBilinear.resize(p.members(), w, h), space);
        ScaleShift fit = fit(prediction, given, options);
        RandomAccessibleInterval<FloatType> depth = Alignment.apply(prediction, fit);
        RandomAccessibleInterval<FloatType> sigma = Uncertainty.standardDeviation(Alignment.apply(members, fit), AS_IS);
        return new Result(depth, sigma, fit, given, split.heldOut(), Residuals.of(depth, given),
                Residuals.of(depth, split.heldOut()), (int) pw, (int) ph);
    }

    /**
     * Checks that an image of this size can be completed with the memory there is now, from its
     * size alone: the memory planner's verdict at the processing size (guided completion keeps one
     * member's UNet and decoder activations for the backward pass, see {@code MemoryPlanner}), and
     * the Java heap for the pixels and the result maps. Callers ask before they read the pixels;
     * {@link #complete} asks again.
     *
     * @param model the model
     * @param width the image width
     * @param height the image height
     * @param inputBytes the heap the input's pixels take or will take, 0 if already held
     * @param options the method, processing size and ensemble
     * @return the planner's verdict
     * @throws IllegalArgumentException with what is needed and what is there, and the option to change
     */
    public static MemoryPlanner.Plan requireMemory(DepthFM model, long width, long height, long inputBytes,
            CompletionOptions options) {
        ProcessingSize ps = ProcessingSize.of(width, height,
                DepthPipeline.processingSide(width, height, options.processingRes()), model.sizeMultiple());
        int members = options.sampling().ensembleSize();
        MemoryPlanner.Plan plan = options.method() == CompletionMethod.GUIDED ? model.planGuided(ps.width(), ps.height())
                : model.plan(ps.width(), ps.height(), members);
        // the members and the mean at both sizes, the depth, its uncertainty and their ImageJ copies
        long heap = inputBytes + (long) Float.BYTES * ((members + 8) * width * height
                + (long) (ModelInput.CHANNELS + 2 * members + 4) * ps.width() * ps.height());
        long free = MemoryPlanner.freeHeap(heap);
        if (heap > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "completing a %dx%d image needs about %.1f GB"
                    + " of Java heap but only %.1f GB are free; use fewer ensemble members (--ensemble) or give Java"
                    + " more memory (DEPTHFM_JAVA_OPTS=-Xmx16g; in Fiji, Edit > Options > Memory & Threads)", width,
                    height, heap / 1e9, free / 1e9));
        }
        return plan;
    }

    /** The given points at the processing size (pixel centres map to pixel centres, as PIL resizes). */
    private static Guidance guidance(KnownPoints given, long w, long h, long pw, long ph, CompletionOptions o) {
        int[] x = given.x();
        int[] y = given.y();
        double[] d = given.depth();
        float[] px = new float[x.length];
        float[] py = new float[x.length];
        float[] depth = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            px[i] = (float) ((x[i] + 0.5) * pw / w - 0.5);
            py[i] = (float) ((y[i] + 0.5) * ph / h - 0.5);
            depth[i] = (float) d[i];
        }
        return new Guidance(px, py, depth, o.iterations(), (float) o.learningRate());
    }

    /** The prediction a fit in this space takes: log-depth, relative depth or relative disparity. */
    private static RandomAccessibleInterval<FloatType> inSpace(RandomAccessibleInterval<FloatType> logDepth,
            AlignmentSpace space) {
        return switch (space) {
            case LOG -> logDepth;
            case LINEAR -> Converters.convert2(logDepth, (m, p) -> p.setReal(Math.exp(m.getRealDouble())), FloatType::new);
            case DISPARITY -> Converters.convert2(logDepth, (m, p) -> p.setReal(Math.exp(-m.getRealDouble())),
                    FloatType::new);
        };
    }

    private static ScaleShift fit(RandomAccessibleInterval<FloatType> prediction, KnownPoints given,
            CompletionOptions o) {
        RandomAccessibleInterval<FloatType> reference = given.toImage(prediction.dimension(0), prediction.dimension(1));
        RandomAccessibleInterval<BitType> known = NearestFill.knownPixels(reference);
        if (o.inlierThreshold() == 0) {
            return Alignment.fit(prediction, reference, known, o.space(), AlignmentModel.SCALE_AND_SHIFT);
        }
        Ransac ransac = new Ransac(threshold(o.inlierThreshold(), o.space(), given), RANSAC_ITERATIONS,
                o.sampling().seed());
        return Alignment.fitRobust(prediction, reference, known, o.space(), AlignmentModel.SCALE_AND_SHIFT, ransac);
    }

    /** A relative depth error as a residual in the fit's space, at the points' median depth. */
    private static double threshold(double relative, AlignmentSpace space, KnownPoints given) {
        double[] d = given.depth();
        Arrays.sort(d);
        double median = d[d.length / 2];
        return switch (space) {
            case LOG -> Math.log1p(relative);
            case LINEAR -> relative * median;
            case DISPARITY -> relative / median;
        };
    }
}
