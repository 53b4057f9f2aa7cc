package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;

/**
 * Observes a prediction as it runs: progress for user interfaces, intermediate tensors for the
 * self-test and the benchmarks, and a chance to cancel between steps. Arrays passed to
 * {@link #tensor} are only valid during the call.
 */
public interface Trace {
    /** A trace that observes nothing. */
    Trace NONE = new Trace() {
    };

    /**
     * Called after each velocity evaluation.
     *
     * @param done evaluations finished so far (over all member batches)
     * @param total evaluations the prediction needs
     */
    default void progress(int done, int total) {
    }

    /**
     * Called with named intermediates: {@code image_latent}, {@code x_source}, {@code ode_state},
     * {@code ode_velocity}, {@code depth_latent}, {@code decoded} (per member batch).
     *
     * @param name the official name of the intermediate
     * @param value its value (borrowed: copy what you keep)
     */
    default void tensor(String name, NDArray value) {
    }

    /**
     * Polled between steps; throwing (e.g. {@link java.util.concurrent.CancellationException})
     * abandons the prediction and frees its memory.
     */
    default void checkCancelled() {
    }
}
