package org.depthfm.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.depthfm.base.AtomicFile;

/**
 * What the store knows about the files of one model folder, kept in its {@code manifest.json}:
 * each file's size, SHA-256 and modification time when it was downloaded, imported or first
 * checked, and where it came from. Size and time make the check on every load cheap; the digest
 * lets {@code verify} detect later corruption. Written only under the model's lock.
 *
 * @param model the model's name
 * @param files by path in the model folder
 */
record Manifest(String model, Map<String, Manifest.Entry> files) {
    static final String FILE_NAME = "manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * @param size bytes
     * @param sha256 lower-case hex
     * @param modified the file's modification time, epoch milliseconds
     * @param source a URL, or where it was imported from
     */
    record Entry(long size, String sha256, long modified, String source) {
        /** @return whether the file still has the recorded size and modification time */
        boolean matches(Path file) {
            try {
                return Files.size(file) == size && Files.getLastModifiedTime(file).toMillis() == modified;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Copies the files into a sorted map (none when read from a file that lacks them). */
    Manifest {
        files = files == null ? new TreeMap<>() : new TreeMap<>(files);
    }

    /**
     * @return the model folder's manifest; an empty one if there is none or it is unreadable
     *     (its files are then checked afresh, which is always safe)
     */
    static Manifest read(Path modelDir, String id) {
        Path file = modelDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try {
                Manifest m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Manifest.class);
                if (m != null && m.files().values().stream().allMatch(e -> e.sha256() != null)) {
                    return new Manifest(id, m.files());
                }
            } catch (IOException | JsonParseException e) {
                // fall through: treated as never checked
            }
        }
        return new Manifest(id, Map.of());
    }

    Optional<Entry> entry(String path) {
        return Optional.ofNullable(files.get(path));
    }

    Manifest with(String path, Entry entry) {
        Map<String, Entry> copy = new TreeMap<>(files);
        copy.put(path, entry);
        return new Manifest(model, copy);
    }

    void write(Path modelDir) throws IOException {
        AtomicFile.writeString(modelDir.resolve(FILE_NAME), GSON.toJson(this));
    }
}
