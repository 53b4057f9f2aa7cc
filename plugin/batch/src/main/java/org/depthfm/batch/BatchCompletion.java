package org.depthfm.batch;

import java.io.Serializable;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.pipeline.CompletionMethod;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.EstimateOptions;

/**
 * How a batch completes the images that have known depths beside them (see {@link BatchPlan}).
 * The sampling, processing size and seed are the batch's, so a completed file gets the noise an
 * estimated one would.
 *
 * @param method {@link CompletionMethod#ALIGN} or {@link CompletionMethod#GUIDED}: both run the
 *     batch's own model
 * @param space where scale and shift are fitted
 * @param inlierThreshold 0 for least squares, else the robust fit's relative inlier error
 */
public record BatchCompletion(CompletionMethod method, AlignmentSpace space, double inlierThreshold) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Align in log space with least squares. */
    public static final BatchCompletion DEFAULT = new BatchCompletion(CompletionMethod.ALIGN, AlignmentSpace.LOG, 0);

    /**
     * @throws IllegalArgumentException for the learned method, which needs a model of its own
     */
    public BatchCompletion {
        if (method == CompletionMethod.LEARNED) {
            throw new IllegalArgumentException("a batch completes with align or guided, which use the batch's model;"
                    + " the learned method needs its own checkpoint: run 'depthfm complete --method learned' per image");
        }
        // a bad threshold is named now, not at the first file with known depths (the fields are not set yet)
        options(method, space, inlierThreshold, EstimateOptions.DEFAULT);
    }

    /**
     * @param estimate the batch's options, with the file's seed
     * @return the completion options for that file
     */
    public CompletionOptions options(EstimateOptions estimate) {
        return options(method, space, inlierThreshold, estimate);
    }

    private static CompletionOptions options(CompletionMethod method, AlignmentSpace space, double inlierThreshold,
            EstimateOptions estimate) {
        CompletionOptions d = CompletionOptions.DEFAULT;
        return new CompletionOptions(method, estimate.sampling(), estimate.processingRes(), space, inlierThreshold,
                d.iterations(), d.learningRate(), 0);
    }
}
