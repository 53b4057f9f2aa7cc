package org.depthfm.tools.bench;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import ai.djl.ndarray.types.DataType;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.base.Defaults;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthPredictor;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.pipeline.CompletionMethod;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.CompletionPipeline;
import org.depthfm.pipeline.DepthPipeline;
import org.depthfm.pipeline.EstimateOptions;

/**
 * Times DepthFM predictions on a random image: the whole pipeline and its phases (median and
 * spread after warm-up), the memory of the process, and the arithmetic rate against what
 * libtorch reaches on this machine. Also the frame rate over a stack, one depth completion, a long
 * run that watches native memory for growth, and an operator profile.
 */
public final class Benchmark {
    /**
     * What to run.
     *
     * @param width image width (a multiple of the model's size multiple)
     * @param height image height
     * @param sampling steps, ensemble, member batch (0: the planner's choice)
     * @param warmup untimed predictions first
     * @param repeat timed predictions
     */
    public record Spec(int width, int height, Sampling sampling, int warmup, int repeat) {
    }

    /**
     * Median and spread of some timings.
     *
     * @param median the median, seconds
     * @param min the fastest, seconds
     * @param max the slowest, seconds
     * @param count how many
     */
    public record Stats(double median, double min, double max, int count) {
        static Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            List<Double> s = values.stream().sorted().toList();
            int n = s.size();
            double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
            return new Stats(median, s.get(0), s.get(n - 1), n);
        }
    }

    /**
     * What was measured.
     *
     * @param firstSeconds the first (cold) prediction: page faults on the mapped weights, kernel set-up
     * @param total whole predictions after warm-up
     * @param encode the encode phase of each timed prediction
     * @param unet every UNet call of the timed predictions
     * @param decode every decode of the timed predictions
     * @param phaseGflop the heavy-layer arithmetic of one encode, one UNet call and one decode, GFLOP
     * @param gflop the heavy-layer arithmetic of one prediction, GFLOP
     * @param beforePredictions the process's memory after the warm-up (weights resident), before the timed runs
     * @param afterPredictions the process's memory after the timed runs (its peak covers them only)
     * @param anonymousPeak the largest anonymous resident size during the timed runs, bytes
     */
    public record Timing(double firstSeconds, Stats total, Stats encode, Stats unet, Stats decode, double[] phaseGflop,
            double gflop,
            ProcessMemory beforePredictions, ProcessMemory afterPredictions, long anonymousPeak) {
        /** @return the pipeline's arithmetic rate at the median time, GFLOP/s */
        public double gflops() {
            return gflop / total.median();
        }
    }

    /**
     * A stack run: every frame through the whole pipeline, then aligned over time.
     *
     * @param frames the frames
     * @param seconds wall time of all frames and the alignment
     */
    public record StackTiming(int frames, double seconds) {
        /** @return frames per second */
        public double framesPerSecond() {
            return frames / seconds;
        }
    }

    /**
     * One depth completion.
     *
     * @param method how the known depths were used
     * @param points the known depths given
     * @param seconds its wall time (prediction, guidance, fit)
     * @param rmseAtPoints the completed depth's RMSE at the points, in their unit (the fit's quality)
     */
    public record CompletionTiming(CompletionMethod method, int points, double seconds, double rmseAtPoints) {
    }

    private Benchmark() {
    }

    /**
     * Runs the warm-up and timed predictions.
     *
     * @param model a loaded model
     * @param spec what to run
     * @param log progress lines
     * @return the timings
     */
    public static Timing time(DepthFM model, Spec spec, Consumer<String> log) {
        Img<FloatType> image = randomImage(spec);
        double firstSeconds = predict(model, image, spec).elapsed();
        log.accept(String.format(Locale.ROOT, "first prediction %.2f s", firstSeconds));
        for (int i = 1; i < spec.warmup(); i++) {
            predict(model, image, spec);
        }
        ProcessMemory before = ProcessMemory.read();
        ProcessMemory.resetPeak();
        List<Double> total = new ArrayList<>();
        List<Double> encode = new ArrayList<>();
        List<Double> unet = new ArrayList<>();
        List<Double> decode = new ArrayList<>();
        double gflop = 0;
        double[] phaseGflop = new double[3];
        try (AnonymousPeak anonymous = new AnonymousPeak()) {
            for (int i = 0; i < spec.repeat(); i++) {
                model.flops().reset();
                PhaseTimer t = predict(model, image, spec);
                double seconds = t.elapsed();
                gflop = model.flops().count() / 1e9;
                total.add(seconds);
                encode.add(t.encode().seconds());
                t.unet().forEach(p -> unet.add(p.seconds()));
                t.decode().forEach(p -> decode.add(p.seconds()));
                phaseGflop = new double[] {t.encode().gflop(), t.unet().get(0).gflop(), t.decode().get(0).gflop()};
                log.accept(String.format(Locale.ROOT, "run %d: %.2f s", i + 1, seconds));
            }
            return new Timing(firstSeconds, Stats.of(total), Stats.of(encode), Stats.of(unet), Stats.of(decode),
                    phaseGflop, gflop, before, ProcessMemory.read(), anonymous.peak());
        }
    }

    /**
     * Runs many predictions in a row and reports the memory every 25 (and at the start and the
     * end): resident memory that keeps growing means native memory leaks.
     *
     * @param model a loaded model
     * @param spec the prediction to repeat
     * @param count how many predictions
     * @param log one line per report
     * @return the memory before the first and after the last prediction
     */
    public static ProcessMemory[] leakCheck(DepthFM model, Spec spec, int count, Consumer<String> log) {
        Img<FloatType> image = randomImage(spec);
        predict(model, image, spec);
        ProcessMemory before = ProcessMemory.read();
        log.accept(line(0, before));
        ProcessMemory now = before;
        for (int i = 1; i <= count; i++) {
            predict(model, image, spec);
            if (i % 25 == 0 || i == count) {
                now = ProcessMemory.read();
                log.accept(line(i, now));
            }
        }
        return new ProcessMemory[] {before, now};
    }

    private static String line(int done, ProcessMemory m) {
        return String.format(Locale.ROOT, "after %4d predictions: RSS %7.1f MB, anonymous %7.1f MB,"
                + " native (RSS - committed heap) %7.1f MB, heap committed %6.1f MB, used %6.1f MB", done,
                m.rss() / 1e6, m.anonymous() / 1e6, m.nativeBytes() / 1e6, m.heapCommitted() / 1e6,
                m.heapUsed() / 1e6);
    }

    /**
     * Runs one prediction under the libtorch profiler.
     *
     * @param model a loaded model
     * @param spec the prediction
     * @param trace where to write the Chrome-trace JSON
     * @return the operators, largest self time first
     */
    public static List<OpProfile.Op> profile(DepthFM model, Spec spec, Path trace) {
        Img<FloatType> image = randomImage(spec);
        JniUtils.startProfile(false, true, false);
        try {
            predict(model, image, spec);
        } finally {
            JniUtils.stopProfile(trace.toString());
        }
        try {
            return OpProfile.read(trace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Frames per second over a stack of distinct random 8-bit RGB frames, each estimated as a
     * stack in Fiji is (convert, resize, predict, normalise, resize back; depth only), then
     * aligned over time. The frames are made before the clock starts.
     *
     * @param model a loaded model (warmed up at this size: run {@link #time} first)
     * @param spec the frame size and sampling
     * @param frames how many frames, at least 1
     * @param log progress lines
     * @return the timing
     * @throws IllegalArgumentException for fewer than one frame
     */
    public static StackTiming stack(DepthFM model, Spec spec, int frames, Consumer<String> log) {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be at least 1, not " + frames);
        }
        List<Img<UnsignedByteType>> stack = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            stack.add(randomFrame(spec, k));
        }
        EstimateOptions options = new EstimateOptions(spec.sampling(), 0, DepthOutput.DEPTH, false, false, true, null, 0);
        long t0 = System.nanoTime();
        List<DepthPipeline.FrameResult> results = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            results.add(DepthPipeline.estimate(model, stack.get(k), options, Progress.NONE));
            if ((k + 1) % 25 == 0) {
                log.accept(String.format(Locale.ROOT, "stack: %d of %d frames", k + 1, frames));
            }
        }
        if (frames > 1) {
            DepthPipeline.alignOverTime(results);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "stack: %d frames in %.2f s", frames, seconds));
        return new StackTiming(frames, seconds);
    }

    /**
     * One depth completion of a random image from known depths on a regular grid, lying on a
     * tilted plane (depth 2 to 4, in its unit), held-out share 0, the defaults of the
     * Depth Completion command otherwise.
     *
     * @param model a loaded model; guided completion needs it in float32
     * @param spec the image size and sampling
     * @param method align or guided (learned needs a completion checkpoint)
     * @param points about how many known depths, at least 3
     * @param log progress lines
     * @return the timing
     * @throws IllegalArgumentException for guided completion on a half-precision model, or too few points
     */
    public static CompletionTiming completion(DepthFM model, Spec spec, CompletionMethod method, int points,
            Consumer<String> log) {
        if (method == CompletionMethod.GUIDED && model.dtype() != DataType.FLOAT32) {
            throw new IllegalArgumentException("guided completion back-propagates in float32 only; benchmark it with"
                    + " --precision fp32");
        }
        if (points < 3) {
            throw new IllegalArgumentException("--complete-points must be at least 3, not " + points);
        }
        KnownPoints known = gridPoints(spec.width(), spec.height(), points);
        CompletionOptions options = new CompletionOptions(method, spec.sampling(), 0, AlignmentSpace.LOG, 0,
                Defaults.GUIDANCE_ITERATIONS, Defaults.GUIDANCE_LEARNING_RATE, 0);
        long t0 = System.nanoTime();
        CompletionPipeline.Result r = CompletionPipeline.complete(model, randomImage(spec), known, options,
                Progress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "%s completion from %d points: %.2f s", method.id(), known.size(),
                seconds));
        return new CompletionTiming(method, known.size(), seconds, r.atGiven().rmse());
    }

    /** About {@code n} points on a regular grid, depth 2 + x / w + y / h (a tilted plane). */
    private static KnownPoints gridPoints(int width, int height, int n) {
        int stride = Math.max(1, (int) Math.floor(Math.sqrt((double) width * height / n)));
        List<int[]> at = new ArrayList<>();
        for (int y = stride / 2; y < height; y += stride) {
            for (int x = stride / 2; x < width; x += stride) {
                at.add(new int[] {x, y});
            }
        }
        int[] xs = new int[at.size()];
        int[] ys = new int[at.size()];
        double[] depth = new double[at.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = at.get(i)[0];
            ys[i] = at.get(i)[1];
            depth[i] = 2 + (double) xs[i] / width + (double) ys[i] / height;
        }
        return new KnownPoints(xs, ys, depth);
    }

    /** Frame {@code k} of a random 8-bit RGB stack (W, H, 3), as a camera or a video would give it. */
    private static Img<UnsignedByteType> randomFrame(Spec spec, long k) {
        Img<UnsignedByteType> img = ArrayImgs.unsignedBytes(spec.width(), spec.height(), 3);
        SplittableRandom rng = new SplittableRandom(k);
        for (UnsignedByteType t : img) {
            t.set(rng.nextInt(256));
        }
        return img;
    }

    private static PhaseTimer predict(DepthFM model, Img<FloatType> image, Spec spec) {
        PhaseTimer timer = new PhaseTimer(model.flops());
        DepthPredictor.predict(model, image, spec.sampling(), Progress.NONE, timer);
        return timer;
    }

    /** A fixed random picture in [-1, 1] (W, H, 3). */
    private static Img<FloatType> randomImage(Spec spec) {
        Img<FloatType> img = ArrayImgs.floats(spec.width(), spec.height(), 3);
        SplittableRandom rng = new SplittableRandom(0);
        for (FloatType t : img) {
            t.set((float) (rng.nextDouble() * 2 - 1));
        }
        return img;
    }
}
