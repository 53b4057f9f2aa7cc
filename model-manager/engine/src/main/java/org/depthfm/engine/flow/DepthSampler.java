package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.depthfm.base.Progress;
import org.depthfm.engine.nn.Scoped;
import org.depthfm.engine.runtime.MemoryPlanner;

/**
 * DepthFM's inference, the one Euler and ensemble loop, step for step as the official
 * {@code DepthFM.forward}: encode the image once (posterior mode), start each ensemble member from
 * the noise-augmented image latent, follow the learned flow with explicit Euler steps on
 * torchdiffeq's float32 grid, decode, average the decoded channels, average the members.
 *
 * <p>Depth completion uses the same loop with two additions: a completion checkpoint's
 * <b>conditioning</b> (the nearest-filled sparse depth and the distance to the nearest known pixel,
 * each normalised to about [-1, 1] and replicated to three channels, VAE-encoded like the image and
 * appended to the UNet's context after the image latent: the layout that inflating the released
 * model's first convolution gives), and <b>guidance</b> as a hook before every Euler step
 * ({@link GuidedStep}). Guided members go one at a time, so memory stays that of one member.
 *
 * <p>The result is log-depth; turning it into a normalised depth map is the job of
 * {@code org.depthfm.ops.depth.DepthMaps}, the one normalisation.
 */
public final class DepthSampler {
    private DepthSampler() {
    }

    /**
     * What a prediction returns, all float32 on the model's device, owned by the caller's manager.
     *
     * @param members (B, E, H, W) each member's decoded channel mean (normalised log-depth)
     * @param ensembleMean (B, H, W) the mean over the members
     */
    public record Result(NDArray members, NDArray ensembleMean) {
    }

    /**
     * Samples depth for a batch of images with a plain model.
     *
     * @param model the model
     * @param images (B, 3, H, W) in [-1, 1], H and W multiples of {@link DepthFM#sizeMultiple()}
     * @param sampling steps, ensemble size, seed, noising step, member batch
     * @param noise (B*E*latent*h*w) the augmentation noise in (B, E, latent, h, w) order, or null to
     *     draw it from {@code sampling.seed()}
     * @param progress one update per velocity evaluation, cancellation between them
     * @param taps the named intermediates, for the self-test and the benchmarks
     * @return the members and their mean
     * @throws IllegalArgumentException if the images do not fit the model
     */
    public static Result sample(DepthFM model, NDArray images, Sampling sampling, float[] noise, Progress progress,
            Trace taps) {
        Shape shape = images.getShape();
        requireImages(model, shape, shape.get(0));
        if (model.isCompletionModel()) {
            throw new IllegalArgumentException(model.folder().unet().getFileName() + " is a depth-completion model:"
                    + " it needs sparse depth as well as the image; estimate depth with a plain DepthFM model, or"
                    + " complete sparse depth with it (method learned)");
        }
        NDArray latent = model.encode(images);
        return run(model, shape, latent, latent, sampling, noise, false, null, null, progress, taps);
    }

    /**
     * Samples depth for one image toward known depths.
     *
     * @param model the model; a completion model needs the conditioning, a plain one refuses it
     * @param image (1, 3, H, W) in [-1, 1], H and W multiples of {@link DepthFM#sizeMultiple()}
     * @param conditioning (1, 2, H, W) the normalised nearest-filled log-depth and distance map, or
     *     null for a plain model
     * @param sampling steps, ensemble size, seed, noising step
     * @param guidance the known points and the optimiser settings, or null for no guidance
     * @param progress one update per member and Euler step, cancellation between them
     * @return the members and their mean (members go one at a time: the memory of one member)
     * @throws IllegalArgumentException if the inputs do not fit the model or each other
     */
    public static Result complete(DepthFM model, NDArray image, NDArray conditioning, Sampling sampling,
            Guidance guidance, Progress progress) {
        Shape shape = image.getShape();
        requireImages(model, shape, 1);
        requireFits(model, shape, conditioning, guidance);
        NDArray imageLatent = model.encode(image);
        NDArray context = conditioning == null ? imageLatent : completionContext(model, imageLatent, conditioning);
        try (GuidanceLoss loss = guidance == null ? null
                : new GuidanceLoss(image.getManager(), guidance, (int) shape.get(3), (int) shape.get(2))) {
            return run(model, shape, imageLatent, context, sampling, null, true, guidance, loss, progress, Trace.NONE);
        }
    }

    private static void requireImages(DepthFM model, Shape shape, long batch) {
        int multiple = model.sizeMultiple();
        if (shape.dimension() != 4 || shape.get(0) != batch || shape.get(1) != 3 || shape.get(2) % multiple != 0
                || shape.get(3) % multiple != 0) {
            throw new IllegalArgumentException("the model needs " + (batch == 1 ? "one (1, 3, H, W) image" : "(B, 3, H, W) images")
                    + " with H and W multiples of " + multiple + ", not " + shape);
        }
    }

    /**
     * The loop: sources, then per member batch the (guided) Euler steps, decode and channel mean,
     * then the ensemble mean.
     */
    private static Result run(DepthFM model, Shape shape, NDArray latent, NDArray context, Sampling sampling,
            float[] noise, boolean oneByOne, Guidance guidance, GuidanceLoss loss, Progress progress, Trace taps) {
        long b = shape.get(0);
        int e = sampling.ensembleSize();
        long n = b * e;
        NDManager manager = latent.getManager();
        int step = sampling.noisingStep() >= 0 ? sampling.noisingStep() : model.noisingStep();
        // 1. every member's image latent and context; the empty-text context for every member
        NDArray imageLatent = e == 1 ? latent : latent.repeat(0, e);
        NDArray memberContext = context == latent ? imageLatent : e == 1 ? context : context.repeat(0, e);
        taps.tensor("image_latent", imageLatent);
        NDArray contextCa = model.contextCa(manager, n);
        // 2. the flow's source points: noise augmentation of the image latent
        NDArray source = step > 0 ? augment(imageLatent, noise, sampling.seed(), step) : imageLatent;
        taps.tensor("x_source", source);
        // 3. per member batch (completion: one member; else the memory planner's unless fixed)
        MemoryPlanner.Plan plan = oneByOne ? new MemoryPlanner.Plan(1, 1, -1, -1)
                : sampling.memberBatch() == 0 ? model.plan((int) shape.get(3), (int) shape.get(2), (int) n)
                : new MemoryPlanner.Plan(Math.min(sampling.memberBatch(), (int) n),
                        Math.min(sampling.memberBatch(), (int) n), -1, -1);
        int batch = plan.unetBatch();
        int evaluations = EulerGrid.evaluations(sampling.steps());
        int total = (int) ((n + batch - 1) / batch) * evaluations;
        NDList members = new NDList();
        for (long m0 = 0; m0 < n; m0 += batch) {
            NDIndex rows = new NDIndex().addSliceDim(m0, Math.min(n, m0 + batch));
            int done = (int) (m0 / batch) * evaluations;
            NDArray depthLatent;
            try (GuidedStep guide = guidance == null ? null : new GuidedStep(model, guidance, loss)) {
                depthLatent = integrate(model, source.get(rows), memberContext.get(rows), contextCa.get(rows),
                        sampling.steps(), guide, progress, taps, done, total);
            }
            members.add(Scoped.run(() -> {
                NDArray decoded = decode(model, depthLatent, plan.decodeBatch());
                taps.tensor("decoded", decoded);
                return decoded.toType(DataType.FLOAT32, false).mean(new int[] {1});
            }));
            depthLatent.close();
        }
        // 4. the ensemble mean
        NDArray all = NDArrays.concat(members, 0);
        NDArray perImage = all.reshape(b, e, shape.get(2), shape.get(3));
        NDArray mean = e == 1 ? perImage.reshape(b, shape.get(2), shape.get(3)) : perImage.mean(new int[] {1});
        return new Result(perImage, mean);
    }

    /**
     * Decodes in chunks of at most {@code batch} members: the decoder's full-resolution arrays
     * are what limits the batch at large sizes, while its 3-channel outputs are small to join.
     */
    private static NDArray decode(DepthFM model, NDArray latents, int batch) {
        long m = latents.getShape().get(0);
        if (m <= batch) {
            return model.decode(latents);
        }
        return Scoped.run(() -> {
            NDList parts = new NDList();
            for (long d0 = 0; d0 < m; d0 += batch) {
                parts.add(model.decode(latents.get(new NDIndex().addSliceDim(d0, Math.min(m, d0 + batch)))));
            }
            return NDArrays.concat(parts, 0);
        });
    }

    /** The flow's source points {@code sqrt(a) z + sqrt(1 - a) eps}. */
    static NDArray augment(NDArray imageLatent, float[] noise, long seed, int step) {
        Shape s = imageLatent.getShape();
        int count = Math.toIntExact(s.size());
        float[] eps = noise != null ? noise : GaussianNoise.sample(seed, count);
        if (eps.length != count) {
            throw new IllegalArgumentException("the noise has " + eps.length + " values but the latents need " + count);
        }
        float[] w = NoiseSchedule.mixingWeights(step);
        return Scoped.run(() -> {
            NDArray epsArray = imageLatent.getManager().create(eps, s).toType(imageLatent.getDataType(), false);
            return imageLatent.mul(w[0]).add(epsArray.mul(w[1]));
        });
    }

    /**
     * Explicit Euler from t = 0 to 1 on the official grid, with the guidance hook (if any) before
     * each step; returns the state at t = 1.
     */
    private static NDArray integrate(DepthFM model, NDArray x0, NDArray context, NDArray contextCa, int steps,
            GuidedStep guide, Progress progress, Trace taps, int done, int total) {
        float[] grid = EulerGrid.points(steps);
        NDArray x = x0;
        for (int k = 0; k + 1 < grid.length; k++) {
            progress.checkCancelled();
            float t0 = grid[k];
            float t1 = grid[k + 1];
            NDArray y0 = x;
            taps.tensor("ode_state", y0);
            NDArray y1 = guide != null ? guide.step(y0, t0, t1, context, contextCa, progress)
                    : Scoped.run(() -> {
                        NDArray v = model.velocity(y0, time(y0, t0), context, contextCa);
                        taps.tensor("ode_velocity", v);
                        return euler(y0, v, t0, t1);
                    });
            progress.update((double) (done + k + 1) / total, "step " + (done + k + 1) + "/" + total);
            if (y0 != x0) {
                y0.close();
            }
            x = y1;
            if (t1 >= 1.0f) {
                break;
            }
        }
        taps.tensor("depth_latent", x);
        return x;
    }

    /**
     * One Euler step {@code x + v (t1 - t0)}; where a grid point passes t = 1 before the last,
     * torchdiffeq's linear interpolation inside the step ends it at 1.
     */
    static NDArray euler(NDArray x, NDArray v, float t0, float t1) {
        NDArray next = x.add(v.mul(t1 - t0));
        return t1 > 1.0f ? x.add(next.sub(x).mul((1.0f - t0) / (t1 - t0))) : next;
    }

    /** @return (rows of {@code like}) times, float32 */
    static NDArray time(NDArray like, float t) {
        return like.getManager().full(new Shape(like.getShape().get(0)), t, DataType.FLOAT32);
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
}
