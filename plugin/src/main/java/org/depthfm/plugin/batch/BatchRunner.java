package org.depthfm.plugin.batch;

import ij.ImagePlus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.depthfm.plugin.imagej.ImageFiles;
import org.depthfm.plugin.imagej.StackEstimator;
import org.depthfm.plugin.pipeline.EstimateOptions;
import org.depthfm.plugin.pipeline.Progress;

/**
 * Runs a {@link BatchPlan} file by file: existing outputs are skipped unless asked to redo them,
 * each file's outputs are written atomically, a failure is recorded and the batch goes on, and
 * the summary CSV is rewritten after every file (so it is complete even if the run is stopped).
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
    }

    /**
     * Estimates one image; the caller decides where the model comes from (typically a
     * {@link org.depthfm.plugin.pipeline.ModelHolder}, which loads it on first need, so a batch of
     * skipped files never loads it).
     */
    @FunctionalInterface
    public interface Estimator {
        /**
         * @param imp the image
         * @param options the options, with this file's seed
         * @param progress progress and cancellation
         * @return the result images
         */
        StackEstimator.Result estimate(ImagePlus imp, EstimateOptions options, Progress progress);
    }

    /**
     * @param plan the files and their outputs
     * @param estimator estimates one image
     * @param options the estimate options; each file's seed comes from their seed and its path
     * @param overwrite redo files whose outputs exist
     * @param progress overall progress and cancellation (checked between files and steps)
     * @param onEach called after each file
     * @return the outcome of every file of the plan (fewer if cancelled)
     */
    public static List<Outcome> run(BatchPlan plan, Estimator estimator, EstimateOptions options, boolean overwrite,
            Progress progress, Consumer<Outcome> onEach) {
        List<Outcome> outcomes = new ArrayList<>();
        List<BatchPlan.Item> items = plan.items();
        for (int i = 0; i < items.size(); i++) {
            if (progress.cancelled()) {
                break;
            }
            BatchPlan.Item item = items.get(i);
            Outcome o = runOne(item, estimator, options, overwrite, sub(progress, i, items.size(), item));
            outcomes.add(o);
            if (plan.summary() != null) {
                Summary.write(plan.summary(), outcomes);
            }
            onEach.accept(o);
            if (o.status() == Status.FAILED && o.message().equals(CANCELLED)) {
                break;
            }
        }
        return outcomes;
    }

    private static final String CANCELLED = "cancelled";

    private static Outcome runOne(BatchPlan.Item item, Estimator estimator, EstimateOptions options, boolean overwrite,
            Progress progress) {
        long seed = item.seed(options.sampling().seed());
        if (!overwrite && outputsExist(item, options)) {
            return new Outcome(item, Status.SKIPPED, 0, seed, 0, 0, 0, 0, 0, "");
        }
        long t0 = System.nanoTime();
        ImagePlus input = null;
        try {
            input = ImageFiles.open(item.source());
            StackEstimator.Result r = estimator.estimate(input, options.withSeed(seed), progress);
            ImageFiles.saveTiff(r.depth(), item.depth());
            if (r.uncertainty() != null) {
                ImageFiles.saveTiff(r.uncertainty(), item.uncertainty());
            }
            if (r.members() != null) {
                ImageFiles.saveTiff(r.members(), item.members());
            }
            return new Outcome(item, Status.DONE, seconds(t0), seed, r.depth().getStackSize(), input.getWidth(),
                    input.getHeight(), r.processingWidth(), r.processingHeight(), "");
        } catch (CancellationException e) {
            return failed(item, t0, seed, input, CANCELLED);
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(item, t0, seed, input, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Outcome failed(BatchPlan.Item item, long t0, long seed, ImagePlus imp, String message) {
        return new Outcome(item, Status.FAILED, seconds(t0), seed, imp == null ? 0 : imp.getStackSize(),
                imp == null ? 0 : imp.getWidth(), imp == null ? 0 : imp.getHeight(), 0, 0, message);
    }

    /**
     * @param plan a plan
     * @param options the estimate options (which outputs are wanted)
     * @param overwrite whether existing outputs are redone
     * @return whether any file of the plan needs the model
     */
    public static boolean hasWork(BatchPlan plan, EstimateOptions options, boolean overwrite) {
        return overwrite || plan.items().stream().anyMatch(i -> !outputsExist(i, options));
    }

    private static boolean outputsExist(BatchPlan.Item item, EstimateOptions options) {
        return java.nio.file.Files.exists(item.depth())
                && (!options.uncertainty() || java.nio.file.Files.exists(item.uncertainty()))
                && (!options.members() || java.nio.file.Files.exists(item.members()));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The progress of file {@code i} of {@code n} within the batch's. */
    private static Progress sub(Progress batch, int i, int n, BatchPlan.Item item) {
        return new Progress() {
            @Override
            public void update(double fraction, String message) {
                batch.update((i + fraction) / n, item.relativePath() + " (" + (i + 1) + "/" + n + "): " + message);
            }

            @Override
            public boolean cancelled() {
                return batch.cancelled();
            }
        };
    }
}
