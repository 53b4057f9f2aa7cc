package org.depthfm.model.bench;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.depthfm.model.checkpoint.CheckpointException;
import org.depthfm.model.checkpoint.DType;
import org.depthfm.model.checkpoint.SafeTensorsWriter;
import org.depthfm.model.checkpoint.TensorSource;
import org.depthfm.model.checkpoint.TorchCheckpointWriter;
import org.depthfm.model.nn.Weights;
import org.depthfm.model.runtime.Devices;
import org.depthfm.model.store.ModelFolder;
import org.depthfm.model.unet.AttentionVariant;
import org.depthfm.model.unet.UNetConfig;
import org.depthfm.model.unet.UNetModel;
import org.depthfm.model.vae.AutoencoderKL;
import org.depthfm.model.vae.VaeConfig;

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
     * DepthFM v1's real size: Stable Diffusion 2.1's UNet with 8 input channels (the
     * {@code ldm_hparams} of {@code depthfm-v1.ckpt}), noising step 400, and the Stable
     * Diffusion VAE of https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5/blob/main/vae/config.json.
     *
     * @param seed the seed
     * @return the model description
     */
    public static RandomModel depthFmV1(long seed) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("image_size", 32);
        u.put("in_channels", 8);
        u.put("model_channels", 320);
        u.put("out_channels", 4);
        u.put("num_res_blocks", 2);
        u.put("attention_resolutions", List.of(4, 2, 1));
        u.put("dropout", 0.0);
        u.put("channel_mult", List.of(1, 2, 4, 4));
        u.put("conv_resample", true);
        u.put("dims", 2);
        u.put("use_checkpoint", false);
        u.put("use_fp16", false);
        u.put("num_head_channels", 64);
        u.put("use_spatial_transformer", true);
        u.put("use_linear_in_transformer", true);
        u.put("transformer_depth", 1);
        u.put("context_dim", 1024);
        u.put("legacy", false);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("_class_name", "AutoencoderKL");
        v.put("_diffusers_version", "0.6.0");
        v.put("act_fn", "silu");
        v.put("block_out_channels", List.of(128, 256, 512, 512));
        v.put("down_block_types", List.of("DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D",
                "DownEncoderBlock2D"));
        v.put("in_channels", 3);
        v.put("latent_channels", 4);
        v.put("layers_per_block", 2);
        v.put("norm_num_groups", 32);
        v.put("out_channels", 3);
        v.put("sample_size", 512);
        v.put("up_block_types", List.of("UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D",
                "UpDecoderBlock2D"));
        return new RandomModel(u, v, 400, seed);
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
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CheckpointException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
