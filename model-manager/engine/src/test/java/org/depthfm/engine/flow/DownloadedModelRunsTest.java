package org.depthfm.engine.flow;

import org.depthfm.store.ModelFolder;

import org.depthfm.base.Progress;

import org.depthfm.store.ModelManager;

import org.depthfm.store.FakeFileServer;

import org.depthfm.store.TinyModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthSampler;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.flow.Trace;
import org.depthfm.engine.runtime.EngineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The end of the story: a model fetched over a flaky connection verifies, loads and predicts. */
@Timeout(60)
class DownloadedModelRunsTest {
    @TempDir
    Path tmp;

    @Test
    void aModelDownloadedThroughDroppedConnectionsVerifiesLoadsAndRuns() throws Exception {
        ModelFolder folder;
        try (FakeFileServer server = new FakeFileServer()) {
            TinyModel.serve(server, "files/");
            server.file("files/unet.ckpt").cuts.addAll(List.of(1_000L, 2_000_000L, 4_000_000L));
            server.file("files/vae/diffusion_pytorch_model.safetensors").cuts.add(1_500_000L);
            ModelManager manager = TinyModel.manager(tmp, server.uri("files/"), false);
            folder = manager.ensure(TinyModel.ID, Progress.NONE);
            assertTrue(manager.verify(TinyModel.ID, Progress.NONE).ok());
        }
        try (DepthFM model = DepthFM.load(folder, EngineOptions.CPU_FP32);
                NDManager m = model.manager().newSubManager()) {
            NDArray image = m.zeros(new Shape(1, 3, 48, 64));
            DepthSampler.Result r = DepthSampler.sample(model, image, new Sampling(1, 1, 0, -1, 0), null, Progress.NONE, Trace.NONE);
            float[] depth = r.ensembleMean().toFloatArray();
            assertEquals(48 * 64, depth.length);
            for (float d : depth) {
                assertTrue(Float.isFinite(d), "depth " + d);
            }
        }
    }
}
