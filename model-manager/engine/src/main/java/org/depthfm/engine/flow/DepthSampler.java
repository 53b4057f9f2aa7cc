package org.depthfm.engine.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.depthfm.engine.nn.Scoped;
import org.depthfm.engine.runtime.MemoryPlanner;

/**
 * DepthFM's inference, step for step as the official {@code DepthFM.forward}: encode the image
 * once (posterior mode), start each ensemble member from the noise-augmented image latent, follow
 * the learned flow with explicit Euler steps on torchdiffeq's float32 grid, decode, average the
 * decoded channels, average the members, exponentiate and min-max normalise per image.
 */
public final class DepthSampler {
    private DepthSampler() {
    }

    /**
     * What a prediction returns, all float32 on the model's device, owned by the caller's manager.
     *
     * @param members (B, E, H, W) each member's decoded channel mean (normalised log-depth)
     * @param ensembleMean (B, H, W) the mean over the members
     * @param depth (B, H, W) {@code exp(ensembleMean)} min-max normalised to [0, 1] per image (the official output)
     */
    public record Result(NDArray members, NDArray ensembleMean, NDArray depth) {
    }

    /**
     * @param model the model
     * @param images (B, 3, H, W) in [-1, 1], H and W multiples of {@link DepthFM#sizeMultiple()}
     * @param sampling steps, ensemble size, seed, noising step, member batch
     * @param noise (B*E*latent*h*w) the augmentation noise in (B, E, latent, h, w) order, or null to
     *     draw it from {@code sampling.seed()}
     * @param trace progress, intermediates and cancellation
     * @return the members, their mean and the normalised depth
     */
    public static Result sample(DepthFM model, NDArray images, Sampling sampling, float[] noise, Trace trace) {
        Shape shape = images.getShape();
        int multiple = model.sizeMultiple();
        if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) % multiple != 0 || shape.get(3) % multiple != 0) {
            throw new IllegalArgumentException("the model needs (B, 3, H, W) images with H and W multiples of " + multiple
                    + ", not " + shape);
        }
        if (model.isCompletionModel()) {
            throw new IllegalArgumentException(model.folder().unet().getFileName() + " is a depth-completion model:"
                    + " it needs sparse depth as well as the image; estimate depth with a plain DepthFM model, or"
                    + " complete sparse depth with it (method learned)");
        }
        long b = shape.get(0);
        int e = sampling.ensembleSize();
        long n = b * e;
        NDManager manager = images.getManager();
        int step = sampling.noisingStep() >= 0 ? sampling.noisingStep() : model.noisingStep();
        // 1. one encode per image, shared by its members; the empty-text context for every member
        NDArray latent = model.encode(images);
        NDArray imageLatent = e == 1 ? latent : latent.repeat(0, e);
        trace.tensor("image_latent", imageLatent);
        NDArray contextCa = model.contextCa(manager, n);
        // 2. the flow's source points: noise augmentation of the image latent
        NDArray source = step > 0 ? augment(imageLatent, noise, sampling.seed(), step) : imageLatent;
        trace.tensor("x_source", source);
        // 3. per member batch (the memory planner's unless fixed): Euler steps, decode, channel mean
        MemoryPlanner.Plan plan = sampling.memberBatch() == 0
                ? model.plan((int) shape.get(3), (int) shape.get(2), (int) n)
                : new MemoryPlanner.Plan(Math.min(sampling.memberBatch(), (int) n),
                        Math.min(sampling.memberBatch(), (int) n), -1, -1);
        int batch = plan.unetBatch();
        int evaluations = EulerGrid.evaluations(sampling.steps());
        int total = (int) ((n + batch - 1) / batch) * evaluations;
        NDList members = new NDList();
        for (long m0 = 0; m0 < n; m0 += batch) {
            NDIndex rows = new NDIndex().addSliceDim(m0, Math.min(n, m0 + batch));
            int done = (int) (m0 / batch) * evaluations;
            NDArray depthLatent = integrate(model, source.get(rows), imageLatent.get(rows), contextCa.get(rows),
                    sampling.steps(), trace, done, total);
            members.add(Scoped.run(() -> {
                NDArray decoded = decode(model, depthLatent, plan.decodeBatch());
                trace.tensor("decoded", decoded);
                return decoded.toType(DataType.FLOAT32, false).mean(new int[] {1});
            }));
            depthLatent.close();
        }
        // 4. ensemble mean, exp, per-image min-max
        NDArray all = NDArrays.concat(members, 0);
        NDArray perImage = all.reshape(b, e, shape.get(2), shape.get(3));
        NDArray mean = e == 1 ? perImage.reshape(b, shape.get(2), shape.get(3)) : perImage.mean(new int[] {1});
        return new Result(perImage, mean, minMax(mean.exp()));
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

    /** The flow's source points {@code sqrt(a) z + sqrt(1 - a) eps}; shared with {@link GuidedSampler}. */
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

    /** Explicit Euler from t = 0 to 1 on the official grid; returns the state at t = 1. */
    private static NDArray integrate(DepthFM model, NDArray x0, NDArray context, NDArray contextCa, int steps,
            Trace trace, int done, int total) {
        float[] grid = EulerGrid.points(steps);
        long m = x0.getShape().get(0);
        NDArray x = x0;
        for (int k = 0; k + 1 < grid.length; k++) {
            trace.checkCancelled();
            float t0 = grid[k];
            float t1 = grid[k + 1];
            NDArray y0 = x;
            trace.tensor("ode_state", y0);
            NDArray y1 = Scoped.run(() -> {
                NDArray t = y0.getManager().full(new Shape(m), t0, DataType.FLOAT32);
                NDArray v = model.velocity(y0, t, context, contextCa);
                trace.tensor("ode_velocity", v);
                NDArray next = y0.add(v.mul(t1 - t0));
                // torchdiffeq's linear interpolation when a grid point passes t = 1 before the last
                return t1 > 1.0f ? y0.add(next.sub(y0).mul((1.0f - t0) / (t1 - t0))) : next;
            });
            trace.progress(done + k + 1, total);
            if (y0 != x0) {
                y0.close();
            }
            x = y1;
            if (t1 >= 1.0f) {
                break;
            }
        }
        trace.tensor("depth_latent", x);
        return x;
    }

    /** Per-sample min-max normalisation of (B, H, W) to [0, 1]; a constant map becomes 0. */
    static NDArray minMax(NDArray x) {
        return Scoped.run(() -> {
            long b = x.getShape().get(0);
            NDArray flat = x.reshape(b, -1);
            NDArray lo = flat.min(new int[] {1}, true);
            NDArray range = flat.max(new int[] {1}, true).sub(lo);
            NDArray safe = range.eq(0).toType(DataType.FLOAT32, false).add(range);
            return flat.sub(lo).div(safe).reshape(x.getShape());
        });
    }
}
