package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.depthfm.base.Fixtures;
import org.depthfm.engine.flow.DepthFmV1;
import org.depthfm.formats.TorchCheckpointWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depthfm keys}: every key prefix traced to the block class of the official architecture that reads it. */
class KeysCommandTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    /** prefix to "Class  file", as printed. */
    private static Map<String, String> keys(Path modelDir) {
        CliTest.Result r = CliTest.run("keys", "--model-dir", modelDir.toString());
        assertEquals(0, r.code(), r.err());
        return r.out().lines().filter(l -> !l.startsWith("#")).map(l -> l.split("  ", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void namesTheBlockBehindEveryPrefixOfTheFixtureModel() {
        Map<String, String> keys = keys(Fixtures.tiny());
        // LDM's output block: ResBlock, SpatialTransformer, Upsample; diffusers' up block's upsampler
        assertEquals("Upsample  model-manager/engine/src/main/java/org/depthfm/engine/unet/Upsample.java",
                keys.get("output_blocks.1.2"));
        assertEquals("Upsample2D  model-manager/engine/src/main/java/org/depthfm/engine/vae/Upsample2D.java",
                keys.get("decoder.up_blocks.0.upsamplers.0"));
        assertEquals("ResBlock", keys.get("input_blocks.1.0").split("  ")[0]);
        assertEquals("Conv2d", keys.get("decoder.conv_in").split("  ")[0]);
        for (String value : keys.values()) {
            Path file = REPO.resolve(value.split("  ")[1]);
            assertTrue(Files.isRegularFile(file), file + " does not exist");
        }
    }

    @Test
    void readsOnlyTheConfigurationsSoTheFullSizeModelNeedsNoWeights(@TempDir Path dir) throws IOException {
        // a full-size model folder without weights: the checkpoint holds the hyper-parameters only
        TorchCheckpointWriter.write(dir.resolve("depthfm-v1.ckpt"), Map.of("ldm_hparams", DepthFmV1.ldmHparams(),
                "noising_step", (long) DepthFmV1.NOISING_STEP, "state_dict", Map.of()));
        Files.createDirectories(dir.resolve("vae"));
        Files.writeString(dir.resolve("vae/config.json"), new Gson().toJson(DepthFmV1.vaeConfig()));
        Files.write(dir.resolve("vae/diffusion_pytorch_model.safetensors"), new byte[0]);
        Map<String, String> keys = keys(dir);
        // Stable Diffusion 2's UNet: upsamplers end output blocks 2, 5 and 8, after a transformer in 5 and 8
        assertEquals("Upsample", keys.get("output_blocks.5.2").split("  ")[0]);
        assertEquals("Upsample", keys.get("output_blocks.2.1").split("  ")[0]);
        assertEquals("SpatialTransformer", keys.get("output_blocks.5.1").split("  ")[0]);
        assertEquals("Upsample2D", keys.get("decoder.up_blocks.2.upsamplers.0").split("  ")[0]);
        assertTrue(List.of(keys.keySet().toArray()).contains("middle_block.1"));
    }
}
