package org.depthfm.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where models live on disk: one folder per model under a root, {@code ROOT/<id>}, in the
 * {@link ModelFolder} layout. Downloads and imports are staged in the model's hidden
 * {@code .partial} folder (same file system, so promotion is an atomic rename), and each model
 * has a lock file in {@code ROOT/.locks} that every writer holds.
 */
public final class ModelCache {
    /** Model names: a letter or digit, then letters, digits, '.', '_' or '-' (safe as folder names everywhere). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String STAGING = ".partial";
    private static final String LOCKS = ".locks";

    private final Path root;

    /**
     * @param root the folder that holds the model folders
     */
    public ModelCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @param id a model name
     * @return the name
     * @throws ModelStoreException if it cannot name a folder
     */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new ModelStoreException("'" + id + "' is not a valid model name; use letters, digits, '.', '_' and"
                    + " '-' (at most 64), e.g. depthfm-v1");
        }
        return id;
    }

    /** @return the folder that holds the model folders */
    public Path root() {
        return root;
    }

    /**
     * @param id a model name
     * @return its folder (which may not exist yet)
     */
    public Path modelDir(String id) {
        return root.resolve(checkId(id));
    }

    /**
     * @param id a model name
     * @param path a file's path inside the model folder, {@code /}-separated
     * @return where the file lives
     */
    public Path file(String id, String path) {
        return modelDir(id).resolve(path);
    }

    /** @return where a file of a model is assembled before it is checked and promoted */
    Path staging(String id, String path) {
        return modelDir(id).resolve(STAGING).resolve(path);
    }

    /** @return the model's staging folder */
    Path stagingDir(String id) {
        return modelDir(id).resolve(STAGING);
    }

    /** @return the file whose lock guards every change to the model's folder */
    Path lockFile(String id) {
        return root.resolve(LOCKS).resolve(checkId(id) + ".lock");
    }

    /**
     * @return the names of the model folders present
     * @throws ModelStoreException if the root cannot be listed
     */
    public List<String> ids() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> ID.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new ModelStoreException("cannot list the model cache " + root + ": " + e.getMessage(), e);
        }
    }
}
