package org.depthfm.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.depthfm.formats.CheckpointException;

/**
 * The files of one model on disk: the UNet checkpoint ({@code *.ckpt}) and the VAE
 * ({@code vae/config.json} and {@code vae/diffusion_pytorch_model[.fp16].safetensors}). The model
 * cache and the reference fixtures share this layout, so a folder of either loads the same way.
 *
 * @param dir the folder
 * @param unet the UNet checkpoint
 * @param vaeConfig the VAE configuration
 * @param vaeWeights the VAE weights
 */
public record ModelFolder(Path dir, Path unet, Path vaeConfig, Path vaeWeights) {
    /** The VAE weight files accepted, in order of preference. */
    public static final List<String> VAE_WEIGHTS = List.of("diffusion_pytorch_model.safetensors",
            "diffusion_pytorch_model.fp16.safetensors");

    /**
     * Finds the model files in a folder.
     *
     * @param dir a model folder
     * @return its files
     * @throws CheckpointException naming what is missing and how to get it
     */
    public static ModelFolder of(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw new CheckpointException(dir + " is a file; a model folder holding a .ckpt and vae/ is expected");
        }
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException("model folder " + dir + " does not exist; download the model with"
                    + " 'depthfm models download' or point --model-dir at a folder holding a .ckpt and vae/");
        }
        List<Path> ckpts;
        try (Stream<Path> s = Files.list(dir)) {
            ckpts = s.filter(p -> p.getFileName().toString().endsWith(".ckpt") && Files.isRegularFile(p)).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new CheckpointException("cannot list model folder " + dir + ": " + e.getMessage(), e);
        }
        if (ckpts.isEmpty()) {
            throw new CheckpointException("model folder " + dir + " holds no UNet checkpoint (*.ckpt); download it with"
                    + " 'depthfm models download' or import it with 'depthfm models import FILE'");
        }
        if (ckpts.size() > 1) {
            throw new CheckpointException("model folder " + dir + " holds several checkpoints " + names(ckpts)
                    + "; keep one .ckpt per folder");
        }
        Path vae = dir.resolve("vae");
        Path config = vae.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new CheckpointException("model folder " + dir + " lacks vae/config.json; download the VAE with"
                    + " 'depthfm models download' or import the Hub's vae folder with 'depthfm models import DIR'");
        }
        Path weights = VAE_WEIGHTS.stream().map(vae::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new CheckpointException("model folder " + dir + " lacks the VAE weights (vae/"
                        + VAE_WEIGHTS.get(0) + "); download them with 'depthfm models download'"));
        return new ModelFolder(dir, ckpts.get(0), config, weights);
    }

    private static String names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ", "(", ")"));
    }
}
