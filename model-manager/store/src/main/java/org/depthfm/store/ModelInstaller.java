package org.depthfm.store;

import java.io.IOException;
import java.nio.file.Path;
import org.depthfm.base.AtomicFile;
import org.depthfm.base.Progress;

/**
 * Puts checked files into a model folder and records them in its manifest. Downloads and imports
 * both end here, so a file reaches the folder only through one gate: the full
 * {@link FileCheck} on the staged copy, then an atomic rename. Callers hold the model's lock.
 */
final class ModelInstaller {
    private final ModelCache cache;

    ModelInstaller(ModelCache cache) {
        this.cache = cache;
    }

    /**
     * Checks a staged file and renames it into the model folder, replacing an older one.
     *
     * @param id the model
     * @param expected what the file must be (its path says where it goes)
     * @param staged the complete file, in the model's staging folder
     * @param label how to name the staged file in messages
     * @param source what to record as its origin
     * @param listener messages and cancel
     * @throws ModelStoreException if the file fails its check (it is left where it is) or cannot be moved
     */
    void install(String id, FileCheck.Expected expected, Path staged, String label, String source,
            Progress listener) {
        Manifest.Entry entry = FileCheck.inspect(staged, expected, label, source, listener);
        Path target = cache.file(id, expected.path());
        try {
            AtomicFile.promote(staged, target);
        } catch (IOException e) {
            throw new ModelStoreException("cannot move " + staged + " to " + target + ": " + e.getMessage()
                    + "; check that the cache folder is writable", e);
        }
        record(id, expected.path(), entry);
    }

    /**
     * Checks a file that is already in the model folder but unrecorded or changed since it was
     * recorded (copied in by hand, touched), and records it if it passes.
     *
     * @param id the model
     * @param expected what the file must be
     * @param source what to record as its origin
     * @param listener messages and cancel
     * @return what was recorded
     * @throws ModelStoreException if it fails the check
     */
    Manifest.Entry adopt(String id, FileCheck.Expected expected, String source, Progress listener) {
        Path file = cache.file(id, expected.path());
        Manifest.Entry entry = FileCheck.inspect(file, expected, file.toString(), source, listener);
        record(id, expected.path(), entry);
        return entry;
    }

    private void record(String id, String path, Manifest.Entry entry) {
        Path dir = cache.modelDir(id);
        try {
            Manifest.read(dir, id).with(path, entry).write(dir);
        } catch (IOException e) {
            throw new ModelStoreException("cannot write the manifest of " + dir + ": " + e.getMessage()
                    + "; check that the cache folder is writable and not full", e);
        }
    }
}
