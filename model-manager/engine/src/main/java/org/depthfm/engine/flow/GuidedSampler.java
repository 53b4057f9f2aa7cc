package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.depthfm.engine.nn.Scalars;
import org.depthfm.engine.nn.Scoped;

/**
 * DepthFM's flow for depth completion, one image at a time, with two additions to
 * {@link DepthSampler} (whose encode, noise augmentation, Euler grid and decode it follows, member
 * by member so that memory stays that of one member):
 *
 * <ul>
 *   <li><b>Conditioning</b> (a completion checkpoint, paper appendix): the nearest-filled sparse
 *       depth and the distance to the nearest known pixel, each normalised to about [-1, 1] and
 *       replicated to three channels, are VAE-encoded like the image. The UNet then sees the latents
 *       [ODE state, image, filled depth, distance]: the released model's [state, image] with the new
 *       ones appended, which is the layout that inflating its first convolution gives (the new input
 *       channels go after the old ones, whose weights fine-tuning starts from); depth before its
 *       mask follows the paper's wording ("sparse depth and sparse depth mask").</li>
 *   <li><b>Guidance</b> (zero-shot, in the spirit of Marigold-DC): at every Euler step, from state
 *       {@code x} at time {@code t}, the end point the flow predicts, {@code x + (1 - t) v(x)}, is
 *       decoded and compared with the known points ({@link GuidanceLoss}); a few Adam steps on
 *       {@code x}, each back-propagated through the decoder and the UNet with DJL's autograd, lower
 *       that loss; then the Euler step is taken from the corrected state with the last velocity, as
 *       Marigold-DC takes its scheduler step with the last noise prediction.</li>
 * </ul>
 *
 * <p>Cost per member and Euler step: one UNet pass unguided; with guidance, {@code iterations}
 * times a UNet and a decoder pass forward and backward (backward costs about twice the forward), so
 * about {@code 3 * iterations} times a plain step plus a decode. Memory: one member's activations of
 * one UNet and one decoder pass, kept for the backward pass and freed after it.
 *
 * <p>DJL allows one {@link GradientCollector} per JVM, and its collector is never nested here:
 * guided passes take turns on a lock, so concurrent callers wait instead of failing. Guidance
 * needs a float32 model: the float32 normalisations of a float16 model cast with {@code toType},
 * which cuts DJL's autograd graph.
 */
public final class GuidedSampler {
    /** Serialises the guided passes: DJL allows only one collecting GradientCollector per JVM. */
    private static final Object AUTOGRAD = new Object();

    private GuidedSampler() {
    }

    /**
     * Samples depth for one image.
     *
     * @param model the model; a completion model needs the conditioning, a plain one refuses it
     * @param image (1, 3, H, W) in [-1, 1], H and W multiples of {@link DepthFM#sizeMultiple()}
     * @param conditioning (1, 2, H, W) the normalised nearest-filled log-depth and distance map, or
     *     null for a plain model
     * @param sampling steps, ensemble size, seed, noising step (the member batch is always 1)
     * @param guidance the known points and the optimiser settings, or null for no guidance
     * @param trace progress (one unit per member and Euler step) and cancellation
     * @return the members, their mean and the normalised depth, as {@link DepthSampler#sample}
     * @throws IllegalArgumentException if the inputs do not fit the model or each other
     */
    public static DepthSampler.Result sample(DepthFM model, NDArray image, NDArray conditioning, Sampling sampling,
            Guidance guidance, Trace trace) {
        Shape shape = image.getShape();
        int multiple = model.sizeMultiple();
        if (shape.dimension() != 4 || shape.get(0) != 1 || shape.get(1) != 3 || shape.get(2) % multiple != 0
                || shape.get(3) % multiple != 0) {
            throw new IllegalArgumentException("completion takes one (1, 3, H, W) image with H and W multiples of "
                    + multiple + ", not " + shape);
        }
        requireFits(model, shape, conditioning, guidance);
        NDManager manager = image.getManager();
        int e = sampling.ensembleSize();
        int step = sampling.noisingStep() >= 0 ? sampling.noisingStep() : model.noisingStep();
        // 1. the context: the image latent, for a completion model followed by the conditioning's latents
        NDArray imageLatent = model.encode(image);
        NDArray context = conditioning == null ? imageLatent : completionContext(model, imageLatent, conditioning);
        NDArray contextCa = model.contextCa(manager, 1);
        // 2. every member's source point, with the noise DepthSampler draws for the same seed
        NDArray latents = imageLatent.repeat(0, e);
        NDArray sources = step > 0 ? DepthSampler.augment(latents, null, sampling.seed(), step) : latents;
        // 3. per member: (guided) Euler steps, decode, channel mean
        int evaluations = EulerGrid.evaluations(sampling.steps());
        NDList members = new NDList();
        try (GuidanceLoss loss = guidance == null ? null
                : new GuidanceLoss(manager, guidance, (int) shape.get(3), (int) shape.get(2))) {
            for (int i = 0; i < e; i++) {
                NDArray end = integrate(model, sources.get(new NDIndex().addSliceDim(i, i + 1)), context, contextCa,
                        sampling.steps(), guidance, loss, new Progress(trace, i * evaluations, e * evaluations));
                members.add(Scoped.run(() -> model.decode(end).toType(DataType.FLOAT32, false).mean(new int[] {1})));
                end.close();
            }
        }
        // 4. ensemble mean; the official normalised depth alongside
        NDArray perImage = NDArrays.concat(members, 0).reshape(1, e, shape.get(2), shape.get(3));
        NDArray mean = perImage.mean(new int[] {1});
        return new DepthSampler.Result(perImage, mean, DepthSampler.minMax(mean.exp()));
    }

    private static void requireFits(DepthFM model, Shape shape, NDArray conditioning, Guidance guidance) {
        String name = model.folder().unet().getFileName().toString();
        if (model.isCompletionModel() && conditioning == null) {
            throw new IllegalArgumentException(name + " is a depth-completion model: it needs the sparse depth as"
                    + " conditioning (method learned)");
        }
        if (!model.isCompletionModel() && conditioning != null) {
            throw new IllegalArgumentException(name + " takes no sparse depth (its UNet has "
                    + model.unetConfig().inChannels() + " input channels): learned completion needs a completion"
                    + " checkpoint (" + DepthFM.COMPLETION_LATENTS * model.vaeConfig().latentChannels() + ")");
        }
        if (conditioning != null && !conditioning.getShape().equals(new Shape(1, 2, shape.get(2), shape.get(3)))) {
            throw new IllegalArgumentException("the conditioning must be (1, 2, " + shape.get(2) + ", " + shape.get(3)
                    + "), not " + conditioning.getShape());
        }
        if (guidance != null && model.dtype() != DataType.FLOAT32) {
            throw new IllegalArgumentException("guided completion needs float32 (DJL's autograd graph is cut by the"
                    + " casts of a " + model.dtype() + " model): use precision fp32");
        }
    }

    /** [image latent, filled-depth latent, distance latent], each map encoded as a gray RGB image. */
    private static NDArray completionContext(DepthFM model, NDArray imageLatent, NDArray conditioning) {
        return Scoped.run(() -> {
            Shape s = conditioning.getShape();
            NDArray maps = conditioning.reshape(2, 1, s.get(2), s.get(3)).repeat(1, 3);
            Shape l = imageLatent.getShape();
            // (2, latent, h, w) as one row of channels: the depth latent, then the distance latent
            NDArray latents = model.encode(maps).reshape(1, 2 * l.get(1), l.get(2), l.get(3));
            return NDArrays.concat(new NDList(imageLatent, latents), 1);
        });
    }

    /** Explicit Euler on the official grid, guided if asked; returns the state at t = 1. */
    private static NDArray integrate(DepthFM model, NDArray x0, NDArray context, NDArray contextCa, int steps,
            Guidance guidance, GuidanceLoss loss, Progress progress) {
        float[] grid = EulerGrid.points(steps);
        NDArray x = x0;
        try (Adam adam = guidance == null ? null : new Adam(guidance.learningRate())) {
            for (int k = 0; k + 1 < grid.length; k++) {
                progress.trace.checkCancelled();
                float t0 = grid[k];
                // a grid point past t = 1 ends its step at 1 (torchdiffeq's interpolation inside the step)
                float dt = Math.min(grid[k + 1], 1.0f) - t0;
                NDArray y0 = x;
                x = guidance == null
                        ? Scoped.run(() -> y0.add(model.velocity(y0, time(y0, t0), context, contextCa).mul(dt)))
                        : guidedStep(model, y0, t0, dt, context, contextCa, guidance.iterations(), loss, adam, progress);
                progress.step(k + 1);
                if (y0 != x0) {
                    y0.close();
                }
                if (grid[k + 1] >= 1.0f) {
                    break;
                }
            }
        }
        return x;
    }

    /** Adam steps on the state toward the known points, then the Euler step with the last velocity. */
    private static NDArray guidedStep(DepthFM model, NDArray x, float t0, float dt, NDArray context,
            NDArray contextCa, int iterations, GuidanceLoss loss, Adam adam, Progress progress) {
        NDArray state = x;
        NDArray velocity = null;
        for (int i = 0; i < iterations; i++) {
            progress.trace.checkCancelled();
            Pass pass = pass(model, state, t0, context, contextCa, loss);
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
        NDArray next = Scoped.run(() -> last.add(v.mul(dt)));
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
    private static Pass pass(DepthFM model, NDArray x, float t0, NDArray context, NDArray contextCa,
            GuidanceLoss loss) {
        synchronized (AUTOGRAD) {
            NDArray velocity;
            NDArray gradient;
            try (NDScope scope = new NDScope()) {
                // a fresh leaf, so the gradient holds this pass only (DJL accumulates gradients until zeroed)
                NDArray leaf = x.duplicate();
                leaf.setRequiresGradient(true);
                NDArray v;
                try (GradientCollector collector = leaf.getManager().getEngine().newGradientCollector()) {
                    v = model.velocity(leaf, time(leaf, t0), context, contextCa);
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

    private static NDArray time(NDArray like, float t) {
        return like.getManager().full(new Shape(like.getShape().get(0)), t, DataType.FLOAT32);
    }

    /** Maps one member's Euler steps onto the whole sample's progress. */
    private record Progress(Trace trace, int done, int total) {
        void step(int k) {
            trace.progress(done + k, total);
        }
    }
}
