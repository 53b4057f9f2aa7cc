package org.depthfm.engine.runtime;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.depthfm.engine.unet.UNetConfig;
import org.depthfm.engine.vae.VaeConfig;

/**
 * Decides how many ensemble members go through the UNet and the VAE decoder at once, from an
 * estimate of each stage's activation memory, and refuses a size whose single-member stages do
 * not fit, naming one that does.
 *
 * <p>The estimate: each stage's widest activation times the number of such arrays alive at its
 * peak (inputs, normalised copies, oneDNN's reordered copies around a convolution, allocator
 * slack), from the anonymous-memory peaks of each stage of the full-size model on CPU
 * (bench/results): the encoder holds {@value #ENCODER_LIVE} arrays of its first level's width at
 * full resolution (4.0 measured at 1024x1024), the decoder {@value #DECODER_LIVE} of its second
 * level's width per member (3.5 measured: the array entering its last level is that wide), the
 * UNet {@value #UNET_LIVE} of its model width at latent resolution per member (about 20
 * measured), plus oneDNN's reordered copy of its largest convolution weight and two attention
 * score slices.
 *
 * <p>The rule: the UNet batch is the largest that fits the budget (batching members shares the
 * weight reads, so it is faster), and the decoder batch the largest whose peak stays within the
 * larger of the encoder's and the UNet's (decoding one member at a time costs no speed at sizes
 * where the decoder's arrays are large, and it is the decoder that would otherwise set the peak).
 *
 * <p>Guided completion ({@link #planGuided}) back-propagates through one member's UNet and decoder,
 * so every activation of those passes stays alive until the backward pass: the decoder
 * {@value #GUIDED_DECODER_LIVE} arrays of its second width at full resolution (its last two levels'
 * ResBlocks keep their normalised, activated and convolved arrays), the UNet
 * {@value #GUIDED_UNET_LIVE} of its model width at latent resolution plus every attention score
 * matrix of its first level (scores and probabilities). These are counts from the networks'
 * layouts, not measurements: they err high.
 *
 * <p>The callers ask before the first stage runs (the pipeline, from the image's size alone), so a
 * size that cannot fit is refused at once, before any array of its size exists.
 */
public final class MemoryPlanner {
    /** Live full-resolution arrays of the encoder's first width at its peak. */
    static final double ENCODER_LIVE = 5;
    /** Live full-resolution arrays of the decoder's second width, per member, at its peak. */
    static final double DECODER_LIVE = 4;
    /** Live latent-resolution arrays of the UNet's model width, per member, at its peak. */
    static final double UNET_LIVE = 24;
    /** Guided completion: full-resolution arrays of the decoder's second width kept for the backward pass. */
    static final double GUIDED_DECODER_LIVE = 18;
    /** Guided completion: latent-resolution arrays of the UNet's model width kept for the backward pass. */
    static final double GUIDED_UNET_LIVE = 120;
    /** The budget override (bytes, or with a k/m/g suffix), e.g. {@code -Ddepthfm.memory.budget=6g}. */
    public static final String BUDGET_PROPERTY = "depthfm.memory.budget";
    /** Kept free for the JVM, libraries and the rest of the system. */
    private static final long RESERVE = 1L << 30;

    private MemoryPlanner() {
    }

    /**
     * A decision.
     *
     * @param unetBatch members per UNet call
     * @param decodeBatch members per decoder call
     * @param peakBytes the estimated activation peak with these batches
     * @param budgetBytes the memory it had to fit in
     */
    public record Plan(int unetBatch, int decodeBatch, long peakBytes, long budgetBytes) {
    }

    /**
     * What one prediction's stages need.
     *
     * @param unet the UNet configuration
     * @param vae the VAE configuration
     * @param bytesPerValue 4 for float32, 2 for half precision
     * @param maxScores the attention's largest score slice, elements
     */
    public record Model(UNetConfig unet, VaeConfig vae, int bytesPerValue, long maxScores) {
        long encode(long pixels) {
            return (long) (ENCODER_LIVE * vae.blockOutChannels()[0] * pixels * bytesPerValue);
        }

        long decode(long pixels, int batch) {
            int[] ch = vae.blockOutChannels();
            int width = ch.length > 1 ? ch[1] : ch[0];
            return (long) (DECODER_LIVE * width * pixels * batch * bytesPerValue);
        }

        long unet(long pixels, int batch) {
            long latent = pixels / ((long) vae.downsampling() * vae.downsampling());
            int widest = unet.modelChannels() * Arrays.stream(unet.channelMult()).max().orElse(1);
            long weightCopy = 2L * widest * widest * 9 * bytesPerValue;
            long scores = Math.min(maxScores, (long) batch * unet.heads(unet.modelChannels())[0] * latent * latent);
            long activations = (long) (UNET_LIVE * unet.modelChannels() * latent * batch * bytesPerValue);
            return weightCopy + activations + 2 * scores * 4;
        }

        long guided(long pixels) {
            int[] ch = vae.blockOutChannels();
            int width = ch.length > 1 ? ch[1] : ch[0];
            long decoder = (long) (GUIDED_DECODER_LIVE * width * pixels * bytesPerValue);
            long latent = pixels / ((long) vae.downsampling() * vae.downsampling());
            long unetKept = (long) (GUIDED_UNET_LIVE * unet.modelChannels() * latent * bytesPerValue);
            long attentions = unet.attentionAt(1) ? 2L * unet.numResBlocks()[0] + 1 : 0;
            long scores = attentions * unet.heads(unet.modelChannels())[0] * latent * latent * 2 * 4;
            return Math.max(encode(pixels), decoder + unetKept + scores);
        }
    }

    /**
     * @param model the stages' memory model
     * @param width image width
     * @param height image height
     * @param members ensemble members to run (images times ensemble size)
     * @param budget bytes available for activations
     * @return the batches
     * @throws IllegalArgumentException if one member does not fit, naming a size that does
     */
    public static Plan plan(Model model, int width, int height, int members, long budget) {
        long pixels = (long) width * height;
        long single = single(model, pixels);
        if (single > budget) {
            throw tooLarge("prediction", width, height, single, budget, fitting(model, width, height, budget, false));
        }
        int unetBatch = 1;
        while (unetBatch < members && model.unet(pixels, unetBatch + 1) <= budget) {
            unetBatch++;
        }
        long stagePeak = Math.max(model.encode(pixels), model.unet(pixels, unetBatch));
        int decodeBatch = 1;
        while (decodeBatch < members && model.decode(pixels, decodeBatch + 1) <= Math.min(stagePeak, budget)) {
            decodeBatch++;
        }
        long peak = Math.max(stagePeak, model.decode(pixels, decodeBatch));
        return new Plan(unetBatch, decodeBatch, peak, budget);
    }

    /**
     * Guided completion: one member at a time, its UNet and decoder activations kept for the
     * backward pass (see the class comment).
     *
     * @param model the stages' memory model
     * @param width processing width
     * @param height processing height
     * @param budget bytes available for activations
     * @return one member per UNet and decoder call, and the estimated peak
     * @throws IllegalArgumentException if it does not fit, naming a size that does
     */
    public static Plan planGuided(Model model, int width, int height, long budget) {
        long pixels = (long) width * height;
        long peak = Math.max(single(model, pixels), model.guided(pixels));
        if (peak > budget) {
            throw tooLarge("guided completion", width, height, peak, budget, fitting(model, width, height, budget, true));
        }
        return new Plan(1, 1, peak, budget);
    }

    private static long single(Model model, long pixels) {
        return Math.max(model.encode(pixels), Math.max(model.unet(pixels, 1), model.decode(pixels, 1)));
    }

    private static IllegalArgumentException tooLarge(String what, int width, int height, long needed, long budget,
            String fitting) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "a %dx%d %s needs about %.1f GB of working"
                + " memory but only %.1f GB are available; %s, or free memory (or set -D%s)", width, height, what,
                needed / 1e9, budget / 1e9, fitting, BUDGET_PROPERTY));
    }

    /** The largest size of the same aspect, in multiples of 64, that fits, as the option that asks for it. */
    private static String fitting(Model model, int width, int height, long budget, boolean guided) {
        for (double f = 0.95; f > 0.01; f *= 0.95) {
            int w = (int) (width * f) / 64 * 64;
            int h = (int) (height * f) / 64 * 64;
            if (w < 64 || h < 64) {
                break;
            }
            long p = (long) w * h;
            if ((guided ? Math.max(single(model, p), model.guided(p)) : single(model, p)) <= budget) {
                return "use a processing size of at most " + w + "x" + h + " (--processing-res " + Math.max(w, h)
                        + "; in Fiji, Processing resolution)";
            }
        }
        return "no size of this aspect fits";
    }

    /**
     * The Java heap an allocation may still take: the maximum heap less what is in use, counted
     * again after a collection when it looks short (garbage counts as used until collected).
     *
     * @param wanted the bytes about to be allocated
     * @return the bytes free, at least what a collection could free
     */
    public static long freeHeap(long wanted) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (free < wanted) {
            System.gc();
            free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        return free;
    }

    /**
     * The memory activations may use: on CPU the memory Linux reports available, less the mapped
     * weights (their pages count as reclaimable cache but must stay resident) and a reserve; on
     * CUDA the GPU's free memory less the reserve. The system property {@value #BUDGET_PROPERTY}
     * overrides both.
     *
     * @param device the model's device
     * @param mappedWeightBytes weights memory-mapped from files (CPU), 0 if none
     * @return bytes
     */
    public static long budget(Device device, long mappedWeightBytes) {
        String override = System.getProperty(BUDGET_PROPERTY);
        if (override != null) {
            return parseBytes(override);
        }
        if (device.isGpu()) {
            // libtorch's caching allocator holds freed blocks that cudaMemGetInfo counts as used
            JniUtils.emptyCudaCache();
            MemoryUsage m = CudaUtils.getGpuMemory(device);
            return Math.max(0, m.getMax() - m.getCommitted() - RESERVE);
        }
        long available = memAvailable();
        if (available < 0) {
            available = Runtime.getRuntime().maxMemory();
        }
        return Math.max(0, available - mappedWeightBytes - RESERVE);
    }

    private static long memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the caller falls back
        }
        return -1;
    }

    /**
     * @param text bytes, optionally with a k, m or g suffix (powers of 1024)
     * @return bytes
     * @throws IllegalArgumentException if the text is not a size
     */
    public static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("g") || t.endsWith("m") || t.endsWith("k")) {
            unit = 1L << (t.endsWith("g") ? 30 : t.endsWith("m") ? 20 : 10);
            t = t.substring(0, t.length() - 1);
        }
        try {
            return (long) (Double.parseDouble(t) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size (e.g. 6g, 800m)", e);
        }
    }
}
