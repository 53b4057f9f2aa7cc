package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.depthfm.base.Progress;
import org.depthfm.engine.nn.Scalars;
import org.depthfm.engine.nn.Scoped;

/**
 * Guidance, the hook {@link DepthSampler} calls before each Euler step of one member (zero-shot
 * guided completion, in the spirit of Marigold-DC): from state {@code x} at time {@code t}, the end
 * point the flow predicts, {@code x + (1 - t) v(x)}, is decoded and compared with the known points
 * ({@link GuidanceLoss}); a few Adam steps on {@code x}, each back-propagated through the decoder
 * and the UNet with DJL's autograd, lower that loss; then the Euler step is taken from the
 * corrected state with the last velocity, as Marigold-DC takes its scheduler step with the last
 * noise prediction.
 *
 * <p>Cost per member and Euler step: {@code iterations} times a UNet and a decoder pass forward and
 * backward (backward costs about twice the forward), so about {@code 3 * iterations} times a plain
 * step plus a decode. Memory: one member's activations of one UNet and one decoder pass, kept for
 * the backward pass and freed after it.
 *
 * <p>DJL allows one {@link GradientCollector} per JVM, and its collector is never nested here:
 * guided passes take turns on a lock, so concurrent callers wait instead of failing. Guidance needs
 * a float32 model: the float32 normalisations of a float16 model cast with {@code toType}, which
 * cuts DJL's autograd graph.
 */
final class GuidedStep implements AutoCloseable {
    /** Serialises the guided passes: DJL allows only one collecting GradientCollector per JVM. */
    private static final Object AUTOGRAD = new Object();

    private final DepthFM model;
    private final int iterations;
    private final GuidanceLoss loss;
    private final Adam adam;

    /** One member's guidance: its own optimiser state. */
    GuidedStep(DepthFM model, Guidance guidance, GuidanceLoss loss) {
        this.model = model;
        this.iterations = guidance.iterations();
        this.loss = loss;
        this.adam = new Adam(guidance.learningRate());
    }

    /** Adam steps on the state toward the known points, then the Euler step with the last velocity. */
    NDArray step(NDArray x, float t0, float t1, NDArray context, NDArray contextCa, Progress progress) {
        NDArray state = x;
        NDArray velocity = null;
        for (int i = 0; i < iterations; i++) {
            progress.checkCancelled();
            Pass pass = pass(state, t0, context, contextCa);
            NDArray corrected = adam.step(state, pass.gradient());
            pass.gradient().close();
            if (state != x) {
                state.close();
            }
            if (velocity != null) {
                velocity.close();
            }
            state = corrected;
            velocity = pass.velocity();
        }
        NDArray last = state;
        NDArray v = velocity;
        NDArray next = Scoped.run(() -> DepthSampler.euler(last, v, t0, t1));
        if (last != x) {
            last.close();
        }
        v.close();
        return next;
    }

    /** The velocity at a state (without its graph) and the loss gradient with respect to the state. */
    private record Pass(NDArray velocity, NDArray gradient) {
    }

    /** One forward and backward pass through the UNet, the end-point prediction, the decoder and the loss. */
    private Pass pass(NDArray x, float t0, NDArray context, NDArray contextCa) {
        synchronized (AUTOGRAD) {
            NDArray velocity;
            NDArray gradient;
            try (NDScope scope = new NDScope()) {
                // a fresh leaf, so the gradient holds this pass only (DJL accumulates gradients until zeroed)
                NDArray leaf = x.duplicate();
                leaf.setRequiresGradient(true);
                NDArray v;
                try (GradientCollector collector = leaf.getManager().getEngine().newGradientCollector()) {
                    v = model.velocity(leaf, DepthSampler.time(leaf, t0), context, contextCa);
                    NDArray end = leaf.add(Scalars.mul(v, 1 - t0));
                    collector.backward(loss.of(model.decode(end).mean(new int[] {1})));
                }
                velocity = v.stopGradient();
                gradient = leaf.getGradient();
                NDScope.unregister(velocity, gradient);
            }
            NDScope.register(velocity);
            NDScope.register(gradient);
            return new Pass(velocity, gradient);
        }
    }

    @Override
    public void close() {
        adam.close();
    }
}
