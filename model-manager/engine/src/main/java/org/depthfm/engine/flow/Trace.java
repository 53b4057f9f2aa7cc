package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;

/**
 * Taps on a prediction's intermediate tensors, for the self-test and the benchmarks (progress and
 * cancellation go through {@link org.depthfm.base.Progress}). Arrays passed to {@link #tensor} are
 * only valid during the call.
 */
public interface Trace {
    /** A trace that observes nothing. */
    Trace NONE = new Trace() {
    };

    /**
     * Called with named intermediates: {@code image_latent}, {@code x_source}, {@code ode_state},
     * {@code ode_velocity}, {@code depth_latent}, {@code decoded} (per member batch).
     *
     * @param name the official name of the intermediate
     * @param value its value (borrowed: copy what you keep)
     */
    default void tensor(String name, NDArray value) {
    }
}
