package org.depthfm.store;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.depthfm.formats.CheckpointException;
import org.depthfm.formats.SafeTensors;
import org.depthfm.formats.TorchCheckpoint;

/**
 * The three files of a model folder (see {@link ModelFolder}), each with its format check. The
 * checks read headers and indexes only, so they are quick even on multi-gigabyte files, yet they
 * catch what goes wrong with downloads: HTML error pages, truncated files, the wrong file.
 */
public enum FileKind {
    /** The UNet: a {@code torch.save} zip checkpoint ({@code *.ckpt}) in the model folder's top level. */
    UNET_CHECKPOINT("UNet checkpoint"),
    /** The VAE configuration, {@code vae/config.json}. */
    VAE_CONFIG("VAE configuration"),
    /** The VAE weights, {@code vae/diffusion_pytorch_model[.fp16].safetensors}. */
    VAE_WEIGHTS("VAE weights");

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** @return what the file is, for messages */
    public String description() {
        return description;
    }

    /**
     * @param id a model's name
     * @return where a model folder holds its file of this kind; the checkpoint is named after the model
     */
    public String defaultPath(String id) {
        return switch (this) {
            case UNET_CHECKPOINT -> id + ".ckpt";
            case VAE_CONFIG -> "vae/config.json";
            case VAE_WEIGHTS -> "vae/" + ModelFolder.VAE_WEIGHTS.get(0);
        };
    }

    /**
     * Tells which file of the layout a path inside a model folder is.
     *
     * @param path a path relative to the model folder, with {@code /} separators
     * @return its kind
     * @throws ModelStoreException if the layout has no such file
     */
    public static FileKind ofPath(String path) {
        if (path.endsWith(".ckpt") && !path.contains("/")) {
            return UNET_CHECKPOINT;
        }
        if (path.equals("vae/config.json")) {
            return VAE_CONFIG;
        }
        if (path.startsWith("vae/") && ModelFolder.VAE_WEIGHTS.contains(path.substring(4))) {
            return VAE_WEIGHTS;
        }
        throw new ModelStoreException("'" + path + "' is not a file of a model folder; expected NAME.ckpt,"
                + " vae/config.json or vae/" + ModelFolder.VAE_WEIGHTS.get(0));
    }

    /**
     * Tells which file of a model a file the user has by some name is, by its name alone.
     *
     * @param file a file
     * @return its kind
     * @throws ModelStoreException if the name fits none
     */
    public static FileKind ofFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ckpt")) {
            return UNET_CHECKPOINT;
        }
        if (name.endsWith(".json")) {
            return VAE_CONFIG;
        }
        if (name.endsWith(".safetensors")) {
            return VAE_WEIGHTS;
        }
        throw new ModelStoreException(file + " is neither a UNet checkpoint (.ckpt) nor a VAE file (config.json,"
                + " .safetensors); import one of those, or the Hub's vae folder");
    }

    /**
     * Checks that a file is complete and of this kind's format, without loading any weights.
     *
     * @param file the file
     * @param label how to name the file in the message (e.g. where it came from)
     * @throws ModelStoreException saying what is wrong
     */
    public void check(Path file, String label) {
        try {
            switch (this) {
                case UNET_CHECKPOINT -> TorchCheckpoint.open(file);
                case VAE_WEIGHTS -> SafeTensors.open(file);
                case VAE_CONFIG -> checkJson(file);
            }
        } catch (CheckpointException e) {
            throw new ModelStoreException(label + " is not a valid " + description + ": " + e.getMessage(), e);
        }
    }

    private static void checkJson(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new CheckpointException(file + " is not a JSON object (" + e.getMessage() + ")", e);
        }
    }
}
