package org.depthfm.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.depthfm.base.Fixtures;
import org.depthfm.formats.SafeTensors;
import org.depthfm.formats.TensorStore;
import org.depthfm.formats.TorchCheckpoint;
import org.depthfm.engine.unet.AttentionVariant;
import org.depthfm.engine.unet.UNetConfig;
import org.depthfm.engine.unet.UNetModel;
import org.depthfm.engine.vae.AutoencoderKL;
import org.depthfm.engine.vae.VaeConfig;
import org.junit.jupiter.api.Test;

/** Planning weights ask for exactly the keys and shapes that the official code saved. */
class WeightsPlanningTest {
    @Test
    void unetPlanEqualsTheOfficialStateDict() {
        TorchCheckpoint ckpt = TorchCheckpoint.open(Fixtures.tiny().resolve("unet.ckpt"));
        UNetConfig config = UNetConfig.read((Map<?, ?>) ckpt.value("ldm_hparams"), "unet.ckpt");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Weights plan = Weights.planning(manager);
            new UNetModel(plan.root(), config, AttentionVariant.XFORMERS);
            assertSameTensors(ckpt.tensors("state_dict"), plan.planned());
        }
    }

    @Test
    void vaePlanEqualsTheOfficialWeights() throws Exception {
        Path vae = Fixtures.tiny().resolve("vae");
        Map<?, ?> json;
        try (Reader r = Files.newBufferedReader(vae.resolve("config.json"))) {
            json = new Gson().fromJson(r, Map.class);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Weights plan = Weights.planning(manager);
            new AutoencoderKL(plan.root(), VaeConfig.read(json, "config.json"));
            assertSameTensors(SafeTensors.open(vae.resolve("diffusion_pytorch_model.safetensors")), plan.planned());
        }
    }

    private static void assertSameTensors(TensorStore official, Map<String, long[]> planned) {
        assertEquals(official.names(), planned.keySet());
        for (String name : official.names()) {
            assertArrayEquals(official.get(name).shape(), planned.get(name), name);
        }
    }
}
