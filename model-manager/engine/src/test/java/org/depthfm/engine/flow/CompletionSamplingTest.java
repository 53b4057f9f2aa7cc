package org.depthfm.engine.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.depthfm.base.Progress;
import org.depthfm.store.CompletionFixture;
import org.depthfm.base.Fixtures;
import org.depthfm.formats.SafeTensors;
import org.depthfm.formats.StoredTensor;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Depth completion's sampler on the tiny fixture model and a completion model inflated from it. */
class CompletionSamplingTest {
    private static final int W = 64;
    private static final int H = 48;

    private static DepthFM model;
    private static float[] picture;

    @BeforeAll
    static void load() {
        model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32);
        StoredTensor image = SafeTensors.open(Fixtures.tiny().resolve("case_vae_encode.safetensors")).find("image");
        picture = image.toFloatArray();
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    private static DepthSampler.Result guided(DepthFM m, NDManager manager, float[] conditioning, Sampling sampling,
            Guidance guidance) {
        NDArray image = manager.create(picture, new Shape(1, 3, H, W));
        NDArray maps = conditioning == null ? null : manager.create(conditioning, new Shape(1, 2, H, W));
        return DepthSampler.complete(m, image, maps, sampling, guidance, Progress.NONE);
    }

    /** 40 points of a smooth synthetic depth (1 to 4 units) that the random model does not predict. */
    private static Guidance points(int iterations) {
        SplittableRandom random = new SplittableRandom(3);
        int n = 40;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(W);
            y[i] = random.nextInt(H);
            d[i] = 1 + 2 * x[i] / W + (y[i] / H) * (y[i] / H);
        }
        return new Guidance(x, y, d, iterations, 0.05f);
    }

    /** The guidance loss of a result's ensemble mean. */
    private static float loss(NDManager manager, DepthSampler.Result r, Guidance g) {
        try (GuidanceLoss loss = new GuidanceLoss(manager, g, W, H)) {
            return loss.of(r.ensembleMean()).getFloat();
        }
    }

    @Test
    void withoutGuidanceItSamplesAsDepthSampler() {
        Sampling sampling = new Sampling(3, 2, 5, -1, 0);
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray image = manager.create(picture, new Shape(1, 3, H, W));
            DepthSampler.Result expected = DepthSampler.sample(model, image, sampling, null, Progress.NONE, Trace.NONE);
            DepthSampler.Result actual = guided(model, manager, null, sampling, null);
            assertArrayEquals(expected.members().toFloatArray(), actual.members().toFloatArray(), 1e-5f);
            assertArrayEquals(expected.ensembleMean().toFloatArray(), actual.ensembleMean().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void guidanceLowersTheLossAtTheKnownPointsAndReleasesAutograd() {
        Sampling sampling = new Sampling(2, 1, 0, -1, 0);
        Guidance g = points(4);
        try (NDManager manager = model.manager().newSubManager()) {
            float before = loss(manager, guided(model, manager, null, sampling, null), g);
            float after = loss(manager, guided(model, manager, null, sampling, g), g);
            System.out.printf("guidance loss at 40 points: unguided %.4f, guided (2 steps x 4 iterations) %.4f%n",
                    before, after);
            assertTrue(after < 0.8f * before, "guided " + after + " vs unguided " + before);
        }
        // the collector was closed: another one may start, and inference runs without a graph again
        try (GradientCollector c = model.manager().getEngine().newGradientCollector()) {
            assertTrue(c != null);
        }
    }

    @Test
    void guidanceNeedsTwoPointsWithPositiveDepthAndAStep() {
        float[] one = {1};
        assertThrows(IllegalArgumentException.class, () -> new Guidance(one, one, one, 1, 0.05f));
        float[] two = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> new Guidance(two, two, new float[] {1, -2}, 1, 0.05f));
        assertThrows(IllegalArgumentException.class, () -> new Guidance(two, two, two, 0, 0.05f));
        assertThrows(IllegalArgumentException.class, () -> new Guidance(two, two, two, 1, 0));
    }

    @Test
    void aCompletionModelLoadsTakesItsConditioningAndIsRefusedByPlainEstimation(@TempDir Path tmp) {
        try (DepthFM completion = DepthFM.load(CompletionFixture.write(tmp), EngineOptions.CPU_FP32);
                NDManager manager = completion.manager().newSubManager()) {
            assertTrue(completion.isCompletionModel());
            Sampling sampling = new Sampling(2, 1, 0, -1, 0);
            float[] flat = new float[2 * W * H];
            float[] ramp = flat.clone();
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (i % W) / (W / 2f) - 1;
            }
            float[] a = guided(completion, manager, flat, sampling, null).ensembleMean().toFloatArray();
            float[] b = guided(completion, manager, ramp, sampling, null).ensembleMean().toFloatArray();
            assertEquals(W * H, a.length);
            assertNotEquals(a[0], b[0], "the conditioning changes the prediction");
            NDArray image = manager.create(picture, new Shape(1, 3, H, W));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DepthSampler.sample(completion, image, sampling, null, Progress.NONE, Trace.NONE));
            assertTrue(e.getMessage().contains("depth-completion model"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> guided(completion, manager, null, sampling, null));
            assertTrue(e.getMessage().contains("needs the sparse depth"), e.getMessage());
        }
        try (NDManager manager = model.manager().newSubManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> guided(model, manager, new float[2 * W * H], new Sampling(1, 1, 0, -1, 0), null));
            assertTrue(e.getMessage().contains("takes no sparse depth"), e.getMessage());
        }
    }
}
