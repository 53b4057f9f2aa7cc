package org.depthfm.engine.flow;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.depthfm.engine.nn.Flops;
import org.depthfm.formats.CheckpointException;
import org.depthfm.formats.SafeTensors;
import org.depthfm.formats.StoredTensor;
import org.depthfm.formats.TorchCheckpoint;
import org.depthfm.formats.config.ConfigException;
import org.depthfm.engine.nn.Scalars;
import org.depthfm.engine.nn.Attention;
import org.depthfm.engine.nn.Scoped;
import org.depthfm.engine.nn.Weights;
import org.depthfm.engine.runtime.Devices;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.engine.runtime.MemoryPlanner;
import org.depthfm.store.ModelFolder;
import org.depthfm.engine.unet.AttentionVariant;
import org.depthfm.engine.unet.UNetConfig;
import org.depthfm.engine.unet.UNetModel;
import org.depthfm.engine.vae.AutoencoderKL;
import org.depthfm.engine.vae.VaeConfig;

/**
 * A loaded DepthFM model (Gui et al., "DepthFM: Fast Monocular Depth Estimation with Flow
 * Matching", AAAI 2025): the velocity UNet, the Stable Diffusion VAE, the empty-text
 * cross-attention context and the noise augmentation step, as in the official
 * {@code depthfm/dfm.py}. The weights live in one NDManager on the model's device until
 * {@link #close()}.
 */
public final class DepthFM implements AutoCloseable {
    /** The latent scale of the Stable Diffusion VAE, fixed in the official code. */
    public static final float SCALE_FACTOR = 0.18215f;
    /**
     * The latents a depth-completion UNet takes (paper appendix, "inflate the first convolutional
     * layer"): the ODE state, the image, the nearest-filled sparse depth and its distance map.
     */
    public static final int COMPLETION_LATENTS = 4;

    private final NDManager manager;
    private final UNetModel unet;
    private final AutoencoderKL vae;
    private final float[] emptyText;
    private final long[] emptyTextShape;
    private final int noisingStep;
    private final DataType dtype;
    private final AttentionVariant attention;
    private final ModelFolder folder;
    private final long mappedWeightBytes;
    private final Flops flops;

    private DepthFM(NDManager manager, UNetModel unet, AutoencoderKL vae, StoredTensor emptyText, int noisingStep,
            DataType dtype, AttentionVariant attention, ModelFolder folder, long mappedWeightBytes, Flops flops) {
        this.flops = flops;
        this.manager = manager;
        this.unet = unet;
        this.vae = vae;
        this.emptyText = emptyText.toFloatArray();
        this.emptyTextShape = emptyText.shape();
        this.noisingStep = noisingStep;
        this.dtype = dtype;
        this.attention = attention;
        this.folder = folder;
        this.mappedWeightBytes = mappedWeightBytes;
    }

    /** @return this model's operation counter (the benchmark's GFLOP figures) */
    public Flops flops() {
        return flops;
    }

    /**
     * Loads a model folder. The UNet's weights are memory-mapped from the checkpoint and, on CPU
     * in float32, used in place; nothing is executed from the checkpoint's pickle.
     *
     * @param folder the model's files
     * @param options device, precision and attention numerics
     * @return the model
     * @throws CheckpointException if a file is missing, corrupt, or does not fit the others
     */
    public static DepthFM load(ModelFolder folder, EngineOptions options) {
        Device device = Devices.resolve(options.device());
        DataType dtype = options.precision().resolve(device);
        String name = folder.unet().getFileName().toString();
        TorchCheckpoint ckpt = TorchCheckpoint.open(folder.unet());
        UNetConfig unetConfig = unetConfig(ckpt, folder);
        VaeConfig vaeConfig = VaeConfig.read(readJson(folder.vaeConfig()), folder.vaeConfig().toString());
        checkCompatible(unetConfig, vaeConfig, name);
        int noisingStep = noisingStep(ckpt.value("noising_step"), name);
        StoredTensor emptyText = ckpt.tensor("empty_text_embedding");
        long[] es = emptyText.shape();
        if (es.length < 2 || es[es.length - 1] != unetConfig.contextDims()[0]) {
            throw new ConfigException(name + ": empty_text_embedding has shape " + Arrays.toString(es)
                    + " but the UNet's context_dim is " + unetConfig.contextDims()[0]);
        }
        NDManager manager = Devices.engine().newBaseManager(device);
        Flops flops = new Flops();
        try {
            Weights unetWeights = new Weights(ckpt.tensors("state_dict"), manager, dtype, name, flops);
            UNetModel unet = new UNetModel(unetWeights.root(), unetConfig, options.attention());
            requireAllUsed(unetWeights.unused(), name);
            SafeTensors vaeFile = SafeTensors.open(folder.vaeWeights());
            Weights vaeWeights = new Weights(vaeFile, manager, dtype, folder.vaeWeights().getFileName().toString(),
                    flops);
            AutoencoderKL vae = new AutoencoderKL(vaeWeights.root(), vaeConfig);
            return new DepthFM(manager, unet, vae, emptyText, noisingStep, dtype, options.attention(), folder,
                    unetWeights.mappedBytes() + vaeWeights.mappedBytes(), flops);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static UNetConfig unetConfig(TorchCheckpoint ckpt, ModelFolder folder) {
        if (!(ckpt.value("ldm_hparams") instanceof Map<?, ?> hparams)) {
            throw new CheckpointException(folder.unet() + " has no 'ldm_hparams'; it is not a DepthFM checkpoint");
        }
        return UNetConfig.read(hparams, folder.unet().getFileName().toString());
    }

    /**
     * Which class reads each key prefix of a model folder's networks, found by building them on
     * planning weights (nothing is loaded): e.g. {@code output_blocks.1.2} is read by the UNet's
     * {@code Upsample}, {@code decoder.up_blocks.0.upsamplers.0} by the VAE's {@code Upsample2D}.
     *
     * @param folder the model's files (only its configurations are read)
     * @return "unet" (prefixes of the checkpoint's {@code state_dict}) and "vae" (of the VAE's
     *     safetensors), each prefix in the order the network reads it, with its class
     * @throws CheckpointException if a configuration is missing or does not fit the other
     */
    public static Map<String, Map<String, Class<?>>> keyConsumers(ModelFolder folder) {
        UNetConfig unetConfig = unetConfig(TorchCheckpoint.open(folder.unet()), folder);
        VaeConfig vaeConfig = VaeConfig.read(readJson(folder.vaeConfig()), folder.vaeConfig().toString());
        checkCompatible(unetConfig, vaeConfig, folder.unet().getFileName().toString());
        try (NDManager manager = Devices.cpuManager()) {
            Weights unet = Weights.planning(manager);
            new UNetModel(unet.root(), unetConfig, AttentionVariant.XFORMERS);
            Weights vae = Weights.planning(manager);
            new AutoencoderKL(vae.root(), vaeConfig);
            Map<String, Map<String, Class<?>>> out = new LinkedHashMap<>();
            out.put("unet", new LinkedHashMap<>(unet.consumers()));
            out.put("vae", new LinkedHashMap<>(vae.consumers()));
            return out;
        }
    }

    private static Map<?, ?> readJson(Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object o = new Gson().fromJson(r, Object.class);
            if (!(o instanceof Map<?, ?> m)) {
                throw new ConfigException(path + " is not a JSON object");
            }
            return m;
        } catch (IOException | JsonParseException e) {
            throw new ConfigException(path + " is not valid JSON (" + e.getMessage() + "); download it again");
        }
    }

    private static void checkCompatible(UNetConfig u, VaeConfig v, String name) {
        if (u.outChannels() != v.latentChannels() || u.inChannels() < 2 * v.latentChannels()) {
            throw new ConfigException(name + ": the UNet (in " + u.inChannels() + ", out " + u.outChannels()
                    + " channels) does not fit the VAE's " + v.latentChannels() + " latent channels");
        }
        if (u.inChannels() != 2 * v.latentChannels() && u.inChannels() != COMPLETION_LATENTS * v.latentChannels()) {
            throw new ConfigException(name + ": the UNet takes " + u.inChannels() + " input channels; depth"
                    + " estimation needs " + 2 * v.latentChannels() + " (ODE state + image latent), depth completion "
                    + COMPLETION_LATENTS * v.latentChannels() + " (ODE state + image, filled-depth and distance latents)");
        }
    }

    private static int noisingStep(Object value, String name) {
        if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() >= 1000) {
            throw new CheckpointException(name + " has no valid 'noising_step' (found " + value + ")");
        }
        return n.intValue();
    }

    private static void requireAllUsed(Set<String> unused, String name) {
        if (!unused.isEmpty()) {
            List<String> some = unused.stream().limit(5).toList();
            throw new ConfigException(name + " holds " + unused.size() + " weights its ldm_hparams do not use (e.g. "
                    + some + "); the checkpoint and its configuration disagree");
        }
    }

    /** @return the manager that owns the weights; predictions use sub-managers of it */
    public NDManager manager() {
        return manager;
    }

    /** @return the compute type */
    public DataType dtype() {
        return dtype;
    }

    /** @return the attention numerics */
    public AttentionVariant attention() {
        return attention;
    }

    /** @return the noising step stored in the checkpoint */
    public int noisingStep() {
        return noisingStep;
    }

    /** @return the files the model was loaded from */
    public ModelFolder folder() {
        return folder;
    }

    /** @return the UNet configuration */
    public UNetConfig unetConfig() {
        return unet.config();
    }

    /** @return the VAE configuration */
    public VaeConfig vaeConfig() {
        return vae.config();
    }

    /**
     * @return whether this is a depth-completion model: its UNet takes {@link #COMPLETION_LATENTS}
     *     latents (it needs sparse depth, see {@code DepthSampler.complete}) instead of the ODE state and the
     *     image latent of plain depth estimation
     */
    public boolean isCompletionModel() {
        return unet.config().inChannels() == COMPLETION_LATENTS * vae.config().latentChannels();
    }

    /**
     * Plans a prediction's batches for the memory available now (see {@link MemoryPlanner}).
     *
     * @param width image width
     * @param height image height
     * @param members ensemble members over all images
     * @return members per UNet call and per decoder call
     * @throws IllegalArgumentException if one member does not fit, naming a size that does
     */
    public MemoryPlanner.Plan plan(int width, int height, int members) {
        return MemoryPlanner.plan(memoryModel(), width, height, members, memoryBudget());
    }

    /**
     * Plans guided completion of one image for the memory available now (see
     * {@link MemoryPlanner#planGuided}).
     *
     * @param width image width
     * @param height image height
     * @return one member at a time, and the estimated peak
     * @throws IllegalArgumentException if it does not fit, naming a size that does
     */
    public MemoryPlanner.Plan planGuided(int width, int height) {
        return MemoryPlanner.planGuided(memoryModel(), width, height, memoryBudget());
    }

    private MemoryPlanner.Model memoryModel() {
        return new MemoryPlanner.Model(unet.config(), vae.config(), dtype == DataType.FLOAT16 ? 2 : 4,
                Attention.MAX_SCORES);
    }

    private long memoryBudget() {
        return MemoryPlanner.budget(manager.getDevice(), mappedWeightBytes);
    }

    /** @return image sizes must be multiples of this (VAE and UNet down-sampling together) */
    public int sizeMultiple() {
        return vae.config().downsampling() * unet.config().downsampling();
    }

    /**
     * @param image (N, 3, H, W) in [-1, 1]
     * @return (N, latent, H/f, W/f): the posterior mode times {@link #SCALE_FACTOR}
     */
    public NDArray encode(NDArray image) {
        return Scoped.run(() -> Scalars.mul(vae.encodeMode(image.toType(dtype, false)), SCALE_FACTOR));
    }

    /**
     * @param latent (N, latent, h, w) a scaled latent
     * @return (N, 3, h*f, w*f)
     */
    public NDArray decode(NDArray latent) {
        return Scoped.run(() -> vae.decode(Scalars.mul(latent.toType(dtype, false), (float) (1.0 / SCALE_FACTOR))));
    }

    /**
     * @param x (N, latent, h, w) the ODE state
     * @param t (N) the ODE time
     * @param context (N, latent, h, w) the image latent; for a completion model (N, 3 * latent, h, w)
     * @param contextCa (N, tokens, context_dim) the cross-attention context
     * @return (N, latent, h, w) the velocity
     */
    public NDArray velocity(NDArray x, NDArray t, NDArray context, NDArray contextCa) {
        return unet.forward(x.toType(dtype, false), t, context.toType(dtype, false), contextCa.toType(dtype, false));
    }

    /**
     * @param manager the manager to create it in
     * @param n batch size
     * @return (n, tokens, context_dim) the checkpoint's empty-text embedding, repeated
     */
    public NDArray contextCa(NDManager manager, long n) {
        long[] s = emptyTextShape;
        return Scoped.run(() -> manager.create(emptyText, new Shape(s)).reshape(1, s[s.length - 2], s[s.length - 1])
                .tile(new long[] {n, 1, 1}).toType(dtype, false));
    }

    @Override
    public void close() {
        manager.close();
    }
}
