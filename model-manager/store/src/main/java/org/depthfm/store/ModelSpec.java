package org.depthfm.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A registered model: what it is, what to cite, and its files, which form a {@link ModelFolder}
 * layout (one UNet checkpoint, the VAE configuration and the VAE weights).
 *
 * @param id the model's name, also its cache folder's name
 * @param title a one-line description
 * @param homepage where the model is published
 * @param citation the paper to cite when using it
 * @param files its files
 */
public record ModelSpec(String id, String title, String homepage, String citation, List<ModelFile> files) {
    /** Copies the file list. */
    public ModelSpec {
        files = List.copyOf(files);
    }

    /**
     * @param kind a file kind
     * @return the model's file of that kind
     */
    public Optional<ModelFile> file(FileKind kind) {
        return files.stream().filter(f -> f.kind() == kind).findFirst();
    }

    /**
     * @param path a path in the model folder
     * @return the model's file at that path
     */
    public Optional<ModelFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** @return the sum of the files' sizes, if all are known */
    public OptionalLong totalSize() {
        long sum = 0;
        for (ModelFile f : files) {
            if (f.size().isEmpty()) {
                return OptionalLong.empty();
            }
            sum += f.size().getAsLong();
        }
        return OptionalLong.of(sum);
    }
}
