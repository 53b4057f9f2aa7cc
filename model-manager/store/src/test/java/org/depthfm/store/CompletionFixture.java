package org.depthfm.store;

import org.depthfm.base.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.depthfm.formats.DType;
import org.depthfm.formats.StoredTensor;
import org.depthfm.formats.TensorSource;
import org.depthfm.formats.TensorStore;
import org.depthfm.formats.TorchCheckpoint;
import org.depthfm.formats.TorchCheckpointWriter;
import org.depthfm.store.ModelFolder;

/**
 * A depth-completion model made from depthfm-tiny (no completion checkpoint has been published): the
 * UNet's first convolution inflated from 2 to 4 latents of input (the paper's "inflate the first
 * convolutional layer"), its old weights kept and the new ones seeded random, so that the
 * conditioning changes the result; everything else, and the VAE, unchanged.
 */
public final class CompletionFixture {
    private static final String FIRST_CONV = "input_blocks.0.0.weight";

    private CompletionFixture() {
    }

    /**
     * @param dir the folder to write (a {@code unet.ckpt} and {@code vae/})
     * @return the written model folder
     */
    public static ModelFolder write(Path dir) {
        TorchCheckpoint tiny = TorchCheckpoint.open(Fixtures.tiny().resolve("unet.ckpt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> hparams = new LinkedHashMap<>((Map<String, Object>) tiny.value("ldm_hparams"));
        int in = ((Number) hparams.get("in_channels")).intValue();
        hparams.put("in_channels", 2 * in);
        TensorStore state = tiny.tensors("state_dict");
        Map<String, TensorSource> weights = new LinkedHashMap<>();
        for (String key : state.names()) {
            StoredTensor t = state.find(key);
            weights.put(key, key.equals(FIRST_CONV) ? inflate(t) : TensorSource.of(t));
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("noising_step", tiny.value("noising_step"));
        top.put("empty_text_embedding", TensorSource.of(tiny.tensor("empty_text_embedding")));
        top.put("ldm_hparams", hparams);
        top.put("state_dict", weights);
        TorchCheckpointWriter.write(dir.resolve("unet.ckpt"), top);
        try {
            Files.createDirectories(dir.resolve("vae"));
            for (String f : new String[] {"config.json", "diffusion_pytorch_model.safetensors"}) {
                Files.copy(Fixtures.tiny().resolve("vae").resolve(f), dir.resolve("vae").resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ModelFolder.of(dir);
    }

    /** (out, in, k, k) to (out, 2 in, k, k): each filter keeps its old inputs and gets N(0, 1/fan_in) new ones. */
    private static TensorSource inflate(StoredTensor conv) {
        long[] s = conv.shape();
        float[] old = conv.toFloatArray();
        int perFilter = (int) (s[1] * s[2] * s[3]);
        SplittableRandom random = new SplittableRandom(8);
        return new TensorSource(DType.F32, new long[] {s[0], 2 * s[1], s[2], s[3]}, b -> {
            FloatBuffer f = b.asFloatBuffer();
            for (int o = 0; o < s[0]; o++) {
                f.put(old, o * perFilter, perFilter);
                for (int i = 0; i < perFilter; i++) {
                    f.put((float) (random.nextGaussian() / Math.sqrt(2.0 * perFilter)));
                }
            }
        });
    }
}
