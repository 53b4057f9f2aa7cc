package org.depthfm.tools.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.base.Progress;
import org.depthfm.formats.TorchCheckpoint;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthPredictor;
import org.depthfm.engine.flow.Prediction;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.flow.Trace;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.ops.depth.DepthMaps;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.store.ModelFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small random model in the real layouts loads through the normal loaders and predicts finite depth. */
class RandomModelTest {
    @TempDir
    Path dir;

    /** The fixture's miniature of SD 2.1 (README of depthfm-tiny), small enough for a unit test. */
    private static RandomModel tiny(long seed) {
        RandomModel full = RandomModel.depthFmV1(seed);
        Map<String, Object> u = new LinkedHashMap<>(full.ldmHparams());
        u.put("model_channels", 32);
        u.put("num_res_blocks", 1);
        u.put("attention_resolutions", List.of(1, 2));
        u.put("channel_mult", List.of(1, 2));
        u.put("num_head_channels", 8);
        u.put("context_dim", 32);
        Map<String, Object> v = new LinkedHashMap<>(full.vaeConfig());
        v.put("block_out_channels", List.of(32, 64));
        v.put("down_block_types", List.of("DownEncoderBlock2D", "DownEncoderBlock2D"));
        v.put("up_block_types", List.of("UpDecoderBlock2D", "UpDecoderBlock2D"));
        v.put("layers_per_block", 1);
        return new RandomModel(u, v, 400, seed);
    }

    @Test
    void writesALoadableModelThatPredicts() {
        ModelFolder folder = tiny(7).write(dir);

        TorchCheckpoint ckpt = TorchCheckpoint.open(folder.unet());
        assertEquals(400L, ((Number) ckpt.value("noising_step")).longValue());
        assertArrayEquals(new long[] {1, 77, 32}, ckpt.tensor("empty_text_embedding").shape());
        try (DepthFM model = DepthFM.load(folder, EngineOptions.CPU_FP32)) {
            Img<FloatType> rgb = ArrayImgs.floats(32, 32, 3);
            int i = 0;
            for (FloatType t : rgb) {
                t.set((float) Math.sin(i++ * 0.37));
            }
            Prediction p = DepthPredictor.predict(model, rgb, new Sampling(2, 2, 0, -1, 0), Progress.NONE, Trace.NONE);
            for (FloatType t : DepthMaps.output(p.ensembleMean(), DepthOutput.DEPTH)) {
                assertTrue(Float.isFinite(t.get()) && t.get() >= 0 && t.get() <= 1, "depth " + t.get());
            }
        }
    }

    @Test
    void theSeedFixesTheFiles() throws Exception {
        ModelFolder a = tiny(3).write(dir.resolve("a"));
        ModelFolder b = tiny(3).write(dir.resolve("b"));
        ModelFolder c = tiny(4).write(dir.resolve("c"));
        assertArrayEquals(Files.readAllBytes(a.unet()), Files.readAllBytes(b.unet()));
        assertArrayEquals(Files.readAllBytes(a.vaeWeights()), Files.readAllBytes(b.vaeWeights()));
        assertTrue(Files.mismatch(a.unet(), c.unet()) >= 0);
    }
}
