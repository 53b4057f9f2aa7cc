package org.depthfm.batch;

import ij.ImagePlus;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.imagej.DepthCompleter;
import org.depthfm.imagej.ImageFiles;
import org.depthfm.imagej.ImageHeader;
import org.depthfm.imagej.Provenance;
import org.depthfm.imagej.SparseInputs;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.CompletionPipeline;
import org.depthfm.pipeline.DepthPipeline;
import org.depthfm.pipeline.EstimateOptions;
import org.depthfm.pipeline.ModelHolder;

/**
 * Runs a {@link BatchPlan} file by file, estimating each, or completing it where known depths lie
 * beside it. Each file is claimed first ({@link OutputClaim}), so runs that share an output
 * folder split the work instead of doing it twice; its earlier outputs are skipped when they are
 * complete and valid ({@link ExistingOutputs}), else redone, and the temporary files of a run
 * killed while writing them are removed; its image header is read and the memory planner asked
 * before any pixel is read; its outputs are written atomically. A failing file is recorded and the
 * batch goes on, but a model that cannot be loaded stops it at once. The summary CSV is merged
 * after every file ({@link Summary#merge}), so it is complete even if the run is stopped. The 3D
 * files asked for ({@link SurfaceOutputs}) are written after each depth map; where only they are
 * missing, they are made from the complete depth map on disk, without the model.
 */
public final class BatchRunner {
    private BatchRunner() {
    }

    /** What happened to one file. */
    public enum Status {
        /** Estimated and written. */
        DONE,
        /** Its outputs existed. */
        SKIPPED,
        /** It failed; the message says why. */
        FAILED
    }

    /**
     * @param item the file
     * @param status what happened
     * @param seconds time spent on it
     * @param seed the noise seed it used
     * @param frames its frames (Z x T), 0 if it was not read
     * @param width its width
     * @param height its height
     * @param processingWidth the width the network saw
     * @param processingHeight the height the network saw
     * @param message the error, or ""
     */
    public record Outcome(BatchPlan.Item item, Status status, double seconds, long seed, int frames, int width,
            int height, int processingWidth, int processingHeight, String message) {
        /**
         * @param item the file
         * @param seed the noise seed it would have used
         * @return the outcome of a file whose outputs exist
         */
        public static Outcome skipped(BatchPlan.Item item, long seed) {
            return new Outcome(item, Status.SKIPPED, 0, seed, 0, 0, 0, 0, 0, "");
        }

        /** @return whether the model failed (to load): the batch stopped here */
        public boolean modelFailed() {
            return status == Status.FAILED && message.startsWith(ModelFailure.PREFIX);
        }
    }

    /** The message of a file skipped because another run has claimed it. */
    public static final String CLAIMED = "another run is working on it";

    /**
     * The model could not be loaded: every file would fail the same way, so a batch stops at the
     * first (the file's outcome says why).
     */
    public static final class ModelFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final String PREFIX = "the model failed: ";

        ModelFailure(RuntimeException cause) {
            super(PREFIX + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
    }

    /**
     * Runs the model on one image; the caller decides where the model comes from (typically a
     * {@link org.depthfm.pipeline.ModelHolder}, which loads it on first need, so a batch of
     * skipped files never loads it).
     */
    public interface Worker {
        /**
         * @param imp the image
         * @param options the options, with this file's seed
         * @param progress progress and cancellation
         * @return the result images
         */
        StackEstimator.Result estimate(ImagePlus imp, EstimateOptions options, Progress progress);

        /**
         * @param imp the image
         * @param points its known depths
         * @param unit their unit, or ""
         * @param options the options, with this file's seed
         * @param progress progress and cancellation
         * @return the result images
         */
        DepthCompleter.Result complete(ImagePlus imp, KnownPoints points, String unit, CompletionOptions options,
                Progress progress);

        /**
         * Checks, from an image's header alone and before its pixels are read, that the model can
         * run on it with the memory there is (the memory planner's verdict).
         *
         * @param header the image's header
         * @param options the options, with this file's seed
         * @param completion the completion options for an image with known depths, else null
         * @throws IllegalArgumentException naming what is needed, what is there and the option to change
         */
        void checkMemory(ImageHeader header, EstimateOptions options, CompletionOptions completion);

        /**
         * @param model a loaded model, used as it is by every file
         * @return a worker running that model
         */
        static Worker of(DepthFM model) {
            return new Worker() {
                @Override
                public StackEstimator.Result estimate(ImagePlus imp, EstimateOptions options, Progress progress) {
                    return StackEstimator.estimate(model, imp, options, progress);
                }

                @Override
                public DepthCompleter.Result complete(ImagePlus imp, KnownPoints points, String unit,
                        CompletionOptions options, Progress progress) {
                    return DepthCompleter.complete(model, imp, points, unit, options, progress);
                }

                @Override
                public void checkMemory(ImageHeader header, EstimateOptions options, CompletionOptions completion) {
                    if (completion != null) {
                        CompletionPipeline.requireMemory(model, header.width(), header.height(), header.pixelBytes(),
                                completion);
                    } else {
                        DepthPipeline.requireMemory(model, header.width(), header.height(), header.frames(),
                                header.pixelBytes(), options);
                    }
                }
            };
        }

        /**
         * @param holder holds the model, loading it when a file first needs it
         * @param dir the model folder
         * @param options device, precision and attention
         * @return a worker running the held model
         */
        static Worker holding(ModelHolder holder, Path dir, EngineOptions options) {
            return new Worker() {
                @Override
                public StackEstimator.Result estimate(ImagePlus imp, EstimateOptions o, Progress progress) {
                    return loaded(holder, dir, options, model -> of(model).estimate(imp, o, progress));
                }

                @Override
                public DepthCompleter.Result complete(ImagePlus imp, KnownPoints points, String unit,
                        CompletionOptions o, Progress progress) {
                    return loaded(holder, dir, options, model -> of(model).complete(imp, points, unit, o, progress));
                }

                @Override
                public void checkMemory(ImageHeader header, EstimateOptions o, CompletionOptions completion) {
                    loaded(holder, dir, options, model -> {
                        of(model).checkMemory(header, o, completion);
                        return null;
                    });
                }
            };
        }

        /** Runs a job with the held model; a failure before the job starts is the model's. */
        private static <R> R loaded(ModelHolder holder, Path dir, EngineOptions options, Function<DepthFM, R> job) {
            boolean[] started = {false};
            try {
                return holder.with(dir, options, model -> {
                    started[0] = true;
                    return job.apply(model);
                });
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                if (started[0]) {
                    throw e;
                }
                throw new ModelFailure(e);
            }
        }
    }

    /**
     * @param plan the files and their outputs
     * @param worker estimates or completes one image
     * @param options the estimate options; each file's seed comes from their seed and its path
     * @param completion how files with known depths are completed
     * @param overwrite redo files whose outputs exist
     * @param progress overall progress and cancellation (checked between files and steps)
     * @param onEach called after each file
     * @return the outcome of every file of the plan (fewer if cancelled, or if the model failed)
     */
    public static List<Outcome> run(BatchPlan plan, Worker worker, EstimateOptions options, BatchCompletion completion,
            boolean overwrite, Progress progress, Consumer<Outcome> onEach) {
        return run(plan, worker, options, completion, SurfaceOutputs.NONE, overwrite, progress, onEach);
    }

    /**
     * {@link #run(BatchPlan, Worker, EstimateOptions, BatchCompletion, boolean, Progress, Consumer)}
     * that also writes 3D files from each depth map. The caller checks the plan with
     * {@link SurfaceOutputs#requireNoInputReplaced} first, before it fetches a model.
     *
     * @param plan the files and their outputs
     * @param worker estimates or completes one image
     * @param options the estimate options; each file's seed comes from their seed and its path
     * @param completion how files with known depths are completed
     * @param surfaces the 3D files written beside each depth map
     * @param overwrite redo files whose outputs exist
     * @param progress overall progress and cancellation (checked between files and steps)
     * @param onEach called after each file
     * @return the outcome of every file of the plan (fewer if cancelled, or if the model failed)
     */
    public static List<Outcome> run(BatchPlan plan, Worker worker, EstimateOptions options, BatchCompletion completion,
            SurfaceOutputs surfaces, boolean overwrite, Progress progress, Consumer<Outcome> onEach) {
        List<Outcome> outcomes = new ArrayList<>();
        List<BatchPlan.Item> items = plan.items();
        List<Path> written = new ArrayList<>(items.stream().flatMap(i -> outputs(i, options).stream()).toList());
        if (plan.summary() != null) {
            written.add(plan.summary());
        }
        StaleParts parts = StaleParts.around(written);
        if (plan.summary() != null) {
            try (OutputClaim claim = OutputClaim.claim(plan.summary(), Summary.WAIT_MILLIS)) {
                parts.clean(List.of(plan.summary()));
            }
        }
        long saved = System.nanoTime();
        boolean unsaved = false;
        for (int i = 0; i < items.size(); i++) {
            try {
                progress.checkCancelled();
            } catch (CancellationException e) {
                break;
            }
            BatchPlan.Item item = items.get(i);
            Outcome o = claimed(item, worker, options, completion, surfaces, overwrite,
                    sub(progress, i, items.size(), item), parts);
            outcomes.add(o);
            unsaved = true;
            // skipped files change no row that matters: a long run of them is merged now and then
            if (plan.summary() != null && (o.status() != Status.SKIPPED || seconds(saved) > SKIPS_SAVED_EVERY)) {
                Summary.merge(plan.summary(), outcomes);
                saved = System.nanoTime();
                unsaved = false;
            }
            onEach.accept(o);
            if (o.status() == Status.FAILED && (o.message().equals(CANCELLED) || o.modelFailed())) {
                break;
            }
        }
        if (unsaved && plan.summary() != null) {
            Summary.merge(plan.summary(), outcomes);
        }
        return outcomes;
    }

    private static final String CANCELLED = "cancelled";
    /** Seconds between summary merges while files are only skipped. */
    private static final double SKIPS_SAVED_EVERY = 2;

    /** One file under its claim: the stale temporary files of its outputs removed, then run. */
    private static Outcome claimed(BatchPlan.Item item, Worker worker, EstimateOptions options,
            BatchCompletion completion, SurfaceOutputs surfaces, boolean overwrite, Progress progress, StaleParts parts) {
        long seed = item.seed(options.sampling().seed());
        OutputClaim claim;
        try {
            claim = OutputClaim.tryClaim(item.depth());
        } catch (UncheckedIOException e) {
            return failed(item, System.nanoTime(), seed, null, e.getMessage());
        }
        if (claim == null) {
            return new Outcome(item, Status.SKIPPED, 0, seed, 0, 0, 0, 0, 0, CLAIMED);
        }
        try (claim) {
            parts.clean(outputs(item, options));
            if (surfaces.any()) {
                parts.cleanWhere(surfaces.owns(item));
            }
            return attempt(item, worker, options, completion, surfaces, overwrite, progress);
        } catch (ModelFailure e) {
            return failed(item, System.nanoTime(), seed, null, e.getMessage());
        }
    }

    /**
     * Runs one file of a plan: what {@link #run} does for each (cluster jobs call it item by item).
     *
     * @param item the file and its outputs
     * @param worker estimates or completes one image
     * @param options the estimate options; the file's seed comes from their seed and its path
     * @param completion how a file with known depths is completed
     * @param surfaces the 3D files written beside its depth map
     * @param overwrite redo the file if its outputs exist
     * @param progress the file's progress and cancellation
     * @return what happened; a failure is returned, not thrown
     */
    public static Outcome runOne(BatchPlan.Item item, Worker worker, EstimateOptions options,
            BatchCompletion completion, SurfaceOutputs surfaces, boolean overwrite, Progress progress) {
        try {
            return attempt(item, worker, options, completion, surfaces, overwrite, progress);
        } catch (ModelFailure e) {
            return failed(item, System.nanoTime(), item.seed(options.sampling().seed()), null, e.getMessage());
        }
    }

    /** {@link #runOne}, except that a model failure is thrown, for the batch to stop. */
    private static Outcome attempt(BatchPlan.Item item, Worker worker, EstimateOptions options,
            BatchCompletion completion, SurfaceOutputs surfaces, boolean overwrite, Progress progress) {
        long seed = item.seed(options.sampling().seed());
        String redo = "";
        if (!overwrite) {
            String problem = ExistingOutputs.problem(item, options);
            if (problem == null) {
                String missing = ExistingOutputs.surfaceProblem(item, surfaces);
                return missing == null ? Outcome.skipped(item, seed)
                        : fromExistingDepth(item, options, surfaces, progress, seed, "redone: " + missing);
            }
            redo = problem.isEmpty() ? "" : "redone: " + problem;
        }
        long t0 = System.nanoTime();
        ImagePlus input = null;
        try {
            // the header first: a damaged file or one that cannot fit is refused before its pixels are read
            ImageHeader header = ImageFiles.header(item.source());
            EstimateOptions seeded = options.withSeed(seed);
            CompletionOptions co = item.knownDepths() == null ? null : completion.options(seeded);
            if (header != null) {
                worker.checkMemory(header, seeded, co);
            }
            input = ImageFiles.open(item.source(), header);
            if (co != null) {
                return complete(item, input, worker, co, options, surfaces, progress, t0, redo);
            }
            StackEstimator.Result r = worker.estimate(input, seeded, progress);
            ImageFiles.saveTiff(r.depth(), item.depth());
            if (r.uncertainty() != null) {
                ImageFiles.saveTiff(r.uncertainty(), item.uncertainty());
            }
            if (r.members() != null) {
                ImageFiles.saveTiff(r.members(), item.members());
            }
            String note = surfaces.any()
                    ? surfaces.write(r.depth(), item.depth(), input, r.uncertainty(), item.source(), progress) : "";
            return new Outcome(item, Status.DONE, seconds(t0), seed, r.depth().getStackSize(), input.getWidth(),
                    input.getHeight(), r.processingWidth(), r.processingHeight(), join(redo, note));
        } catch (CancellationException e) {
            return failed(item, t0, seed, input, CANCELLED);
        } catch (ModelFailure e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(item, t0, seed, input, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The 3D files alone, from a depth map that is complete: the model is not run again. */
    private static Outcome fromExistingDepth(BatchPlan.Item item, EstimateOptions options, SurfaceOutputs surfaces,
            Progress progress, long seed, String redo) {
        long t0 = System.nanoTime();
        ImagePlus input = null;
        try {
            input = ImageFiles.open(item.source());
            ImagePlus depth = ImageFiles.open(item.depth());
            ImagePlus uncertainty = options.uncertainty() ? ImageFiles.open(item.uncertainty()) : null;
            String note = surfaces.write(depth, item.depth(), input, uncertainty, item.source(), progress);
            int[] recorded = Provenance.processingSize(depth);
            int[] processed = recorded != null ? recorded : new int[] {depth.getWidth(), depth.getHeight()};
            return new Outcome(item, Status.DONE, seconds(t0), seed, depth.getStackSize(), input.getWidth(),
                    input.getHeight(), processed[0], processed[1], join(redo + " (from the existing depth)", note));
        } catch (CancellationException e) {
            return failed(item, t0, seed, input, CANCELLED);
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(item, t0, seed, input, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Outcome complete(BatchPlan.Item item, ImagePlus input, Worker worker, CompletionOptions completion,
            EstimateOptions options, SurfaceOutputs surfaces, Progress progress, long t0, String redo) {
        String name = item.knownDepths().getFileName().toString();
        SparseInputs.Known known;
        try {
            known = SparseInputs.read(item.knownDepths(), name.toLowerCase(Locale.ROOT).endsWith(".csv"), input, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the known depths " + name + ": " + e.getMessage(), e);
        }
        DepthCompleter.Result r = worker.complete(input, known.points(), known.unit(), completion, progress);
        ImageFiles.saveTiff(r.depth(), item.depth());
        if (options.uncertainty()) {
            ImageFiles.saveTiff(r.uncertainty(), item.uncertainty());
        }
        String note = surfaces.any() ? surfaces.write(r.depth(), item.depth(), input,
                options.uncertainty() ? r.uncertainty() : null, item.source(), progress) : "";
        return new Outcome(item, Status.DONE, seconds(t0), completion.sampling().seed(), 1, input.getWidth(),
                input.getHeight(), r.maps().processingWidth(), r.maps().processingHeight(), join(redo, note));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private static Outcome failed(BatchPlan.Item item, long t0, long seed, ImagePlus imp, String message) {
        return new Outcome(item, Status.FAILED, seconds(t0), seed, imp == null ? 0 : imp.getStackSize(),
                imp == null ? 0 : imp.getWidth(), imp == null ? 0 : imp.getHeight(), 0, 0, message);
    }

    /**
     * @param item a file
     * @param options the estimate options (which outputs are wanted)
     * @param surfaces the 3D files its depth map gets
     * @return whether its outputs exist, complete and fitting its input ({@link ExistingOutputs}),
     *     so that {@link #runOne} without overwrite skips it
     */
    public static boolean isDone(BatchPlan.Item item, EstimateOptions options, SurfaceOutputs surfaces) {
        return ExistingOutputs.problem(item, options) == null && ExistingOutputs.surfaceProblem(item, surfaces) == null;
    }

    /**
     * @param plan a plan
     * @param options the estimate options (which outputs are wanted)
     * @param overwrite whether existing outputs are redone
     * @return whether any file of the plan needs the model
     */
    public static boolean hasWork(BatchPlan plan, EstimateOptions options, boolean overwrite) {
        // 3D files missing beside a complete depth map are made from it, without the model
        return overwrite || !plan.items().stream().allMatch(i -> ExistingOutputs.problem(i, options) == null);
    }

    /**
     * @param item a file
     * @param options the estimate options (which outputs are wanted)
     * @return the outputs the file gets: its depth, and its uncertainty and members if asked for
     *     (a completed file has no members)
     */
    public static List<Path> outputs(BatchPlan.Item item, EstimateOptions options) {
        List<Path> outputs = new ArrayList<>(List.of(item.depth()));
        if (options.uncertainty()) {
            outputs.add(item.uncertainty());
        }
        if (options.members() && item.knownDepths() == null) {
            outputs.add(item.members());
        }
        return outputs;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The progress of file {@code i} of {@code n} within the batch's. */
    private static Progress sub(Progress batch, int i, int n, BatchPlan.Item item) {
        return batch.part((double) i / n, 1.0 / n, item.relativePath() + " (" + (i + 1) + "/" + n + "): ");
    }
}
