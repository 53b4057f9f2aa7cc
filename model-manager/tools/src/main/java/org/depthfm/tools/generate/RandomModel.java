package org.depthfm.tools.generate;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.depthfm.base.AtomicFile;
import org.depthfm.formats.CheckpointException;
import org.depthfm.formats.DType;
import org.depthfm.formats.SafeTensorsWriter;
import org.depthfm.formats.TensorSource;
import org.depthfm.formats.TorchCheckpointWriter;
import org.depthfm.engine.flow.DepthFmV1;
import org.depthfm.engine.nn.Weights;
import org.depthfm.engine.runtime.Devices;
import org.depthfm.store.ModelFolder;
import org.depthfm.engine.unet.AttentionVariant;
import org.depthfm.engine.unet.UNetConfig;
import org.depthfm.engine.unet.UNetModel;
import org.depthfm.engine.vae.AutoencoderKL;
import org.depthfm.engine.vae.VaeConfig;

/**
 * A DepthFM model with seeded random weights, written in the real file layouts (a
 * {@code torch.save} checkpoint and a Hub {@code vae/} folder) so that benchmarks and tests load
 * it through the normal loaders without downloading anything. The keys and shapes come from
 * building the real networks on {@link Weights#planning planning weights}, so they follow the
 * architecture code rather than a copy of it.
 *
 * <p>Initialisation keeps activations of ordinary size: weights N(0, 1/fan_in), normalisation
 * scales 1, biases N(0, 0.01²), the empty-text embedding N(0, 1). Each tensor is drawn from its
 * own stream (seed and key), in parallel chunks with their own streams, so the files are the
 * same for a seed whatever the machine.
 *
 * @param ldmHparams the UNet's {@code ldm_hparams}
 * @param vaeConfig the VAE's {@code config.json}
 * @param noisingStep the checkpoint's {@code noising_step}
 * @param seed the seed
 */
public record RandomModel(Map<String, Object> ldmHparams, Map<String, Object> vaeConfig, int noisingStep, long seed) {
    /** The checkpoint's file name in the folder. */
    public static final String CHECKPOINT = "depthfm-random.ckpt";
    private static final int CHUNK = 1 << 20;
    private static final double BIAS_STD = 0.01;

    /**
     * DepthFM v1's real size ({@link DepthFmV1}).
     *
     * @param seed the seed
     * @return the model description
     */
    public static RandomModel depthFmV1(long seed) {
        return new RandomModel(DepthFmV1.ldmHparams(), DepthFmV1.vaeConfig(), DepthFmV1.NOISING_STEP, seed);
    }

    /**
     * Writes the model: {@code dir/depthfm-random.ckpt}, {@code dir/vae/config.json} and
     * {@code dir/vae/diffusion_pytorch_model.safetensors}, each file complete or absent.
     *
     * @param dir the folder (created if needed)
     * @return the written folder
     * @throws CheckpointException if a file cannot be written
     */
    public ModelFolder write(Path dir) {
        UNetConfig unet = UNetConfig.read(ldmHparams, "ldm_hparams");
        VaeConfig vae = VaeConfig.read(vaeConfig, "vae config");
        Map<String, long[]> unetKeys;
        Map<String, long[]> vaeKeys;
        try (NDManager manager = Devices.engine().newBaseManager()) {
            Weights plan = Weights.planning(manager);
            new UNetModel(plan.root(), unet, AttentionVariant.XFORMERS);
            unetKeys = plan.planned();
            Weights vaePlan = Weights.planning(manager);
            new AutoencoderKL(vaePlan.root(), vae);
            vaeKeys = vaePlan.planned();
        }
        Path vaeDir = dir.resolve("vae");
        SafeTensorsWriter.write(vaeDir.resolve(ModelFolder.VAE_WEIGHTS.get(0)), random("vae.", vaeKeys),
                Map.of("format", "pt"));
        writeJson(vaeDir.resolve("config.json"), vaeConfig);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("noising_step", noisingStep);
        top.put("ldm_hparams", ldmHparams);
        long[] textShape = {1, 77, unet.contextDims()[0]};
        top.put("empty_text_embedding", normal("empty_text_embedding", textShape, 1.0));
        top.put("state_dict", random("", unetKeys));
        TorchCheckpointWriter.write(dir.resolve(CHECKPOINT), top);
        return ModelFolder.of(dir);
    }

    private Map<String, TensorSource> random(String streamPrefix, Map<String, long[]> keys) {
        Map<String, TensorSource> out = new LinkedHashMap<>();
        keys.forEach((k, shape) -> out.put(k, initial(streamPrefix + k, k, shape)));
        return out;
    }

    private TensorSource initial(String stream, String key, long[] shape) {
        if (shape.length >= 2) {
            long fanIn = 1;
            for (int d = 1; d < shape.length; d++) {
                fanIn *= shape[d];
            }
            return normal(stream, shape, 1.0 / Math.sqrt(fanIn));
        }
        if (key.endsWith("bias")) {
            return normal(stream, shape, BIAS_STD);
        }
        // the only one-dimensional weights are normalisation scales
        return new TensorSource(DType.F32, shape, b -> {
            FloatBuffer f = b.asFloatBuffer();
            while (f.hasRemaining()) {
                f.put(1f);
            }
        });
    }

    /** N(0, std²) values drawn in parallel chunks, each from its own stream of (seed, name, chunk). */
    private TensorSource normal(String stream, long[] shape, double std) {
        long base = seed * 0x9E3779B97F4A7C15L + stream.hashCode();
        return new TensorSource(DType.F32, shape, b -> {
            FloatBuffer f = b.asFloatBuffer();
            int n = f.remaining();
            IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
                SplittableRandom rng = new SplittableRandom(base + c * 0xBF58476D1CE4E5B9L);
                float[] part = new float[Math.min(CHUNK, n - c * CHUNK)];
                for (int i = 0; i < part.length; i++) {
                    part[i] = (float) (rng.nextGaussian() * std);
                }
                f.put(c * CHUNK, part);
            });
        });
    }

    private static void writeJson(Path file, Map<String, Object> json) {
        try {
            AtomicFile.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
        } catch (IOException e) {
            throw new CheckpointException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
