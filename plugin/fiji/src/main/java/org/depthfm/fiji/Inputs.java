package org.depthfm.fiji;

import ij.ImagePlus;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.engine.runtime.Precision;
import org.depthfm.store.ModelFolder;
import org.depthfm.store.ModelManager;
import org.depthfm.base.Progress;
import org.depthfm.engine.unet.AttentionVariant;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.pipeline.EstimateOptions;

/** Checks and conversions of the commands' inputs, with messages that name the problem and the fix. */
final class Inputs {
    private Inputs() {
    }

    static void requireImage(ImagePlus image) {
        if (image == null) {
            throw new IllegalArgumentException("no image is open: open an image (File > Open) first");
        }
        if (image.getStack() == null || image.getStackSize() == 0) {
            throw new IllegalArgumentException("image '" + image.getTitle() + "' has no pixels");
        }
    }

    static DepthOutput output(String name) {
        return switch (name) {
            case Labels.OUTPUT_DEPTH -> DepthOutput.DEPTH;
            case Labels.OUTPUT_INVERTED -> DepthOutput.INVERTED_DEPTH;
            case Labels.OUTPUT_DISPARITY -> DepthOutput.DISPARITY;
            case Labels.OUTPUT_LOG -> DepthOutput.LOG_DEPTH;
            default -> throw new IllegalArgumentException("unknown output '" + name + "': use " + Labels.OUTPUT_DEPTH
                    + ", " + Labels.OUTPUT_INVERTED + ", " + Labels.OUTPUT_DISPARITY + " or " + Labels.OUTPUT_LOG);
        };
    }

    /** "1,2,3" (1-based, as ImageJ counts channels) to 0-based indices; empty for the automatic rule. */
    static int[] channels(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        try {
            int[] c = Arrays.stream(spec.split(",")).map(String::trim).mapToInt(Integer::parseInt).map(i -> i - 1).toArray();
            if (c.length != 3 || Arrays.stream(c).anyMatch(i -> i < 0)) {
                throw new NumberFormatException();
            }
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("channels must be three channel numbers such as 1,2,3, not '" + spec + "'");
        }
    }

    /**
     * @return the estimate options of the commands' inputs
     * @throws IllegalArgumentException for an unknown output or a bad channel list
     */
    static EstimateOptions estimate(int steps, int ensemble, long seed, int processingSize, String output,
            boolean uncertainty, boolean members, boolean temporal, String channels, boolean detail) {
        return new EstimateOptions(new Sampling(steps, ensemble, seed, -1, 0), processingSize, output(output),
                uncertainty, members, temporal, channels(channels),
                detail ? EstimateOptions.tileSizeFor(processingSize) : 0);
    }

    static EngineOptions engine(String device, String precision, String attention) {
        return new EngineOptions(device, Precision.parse(precision), AttentionVariant.parse(attention));
    }

    /**
     * @param dir a model folder, or null for the default model of the cache (downloaded on first use)
     * @param manager the model cache
     * @param listener download progress and cancel
     * @return the folder to load
     */
    static Path modelDir(File dir, ModelManager manager, Progress listener) {
        if (dir == null || dir.getPath().isBlank()) {
            return manager.ensure(null, listener).dir();
        }
        if (!dir.isDirectory()) {
            throw new IllegalArgumentException("model folder " + dir + " does not exist: choose a folder that holds a"
                    + " .ckpt and vae/ (model_dir), or leave it empty for depthfm-v1 from the model cache"
                    + " (Plugins > DepthFM > Manage DepthFM Models downloads or imports it)");
        }
        return ModelFolder.of(dir.toPath()).dir();
    }
}
