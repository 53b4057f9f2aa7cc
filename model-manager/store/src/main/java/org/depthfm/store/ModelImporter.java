package org.depthfm.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.depthfm.base.Progress;

/**
 * Brings files the user fetched by hand (a browser, another machine) into the cache: a UNet
 * {@code .ckpt}, a VAE {@code config.json} or {@code .safetensors}, the Hub's {@code vae} folder,
 * or a whole model folder. Each file is copied (or moved) into the model's staging folder and
 * installed through the same checks as a download; the source is left untouched when a check fails.
 */
final class ModelImporter {
    private static final long COPY_CHUNK = 8L << 20;

    private final ModelCache cache;
    private final ModelInstaller installer;

    ModelImporter(ModelCache cache, ModelInstaller installer) {
        this.cache = cache;
        this.installer = installer;
    }

    /**
     * @param id the model to import into (its lock is held)
     * @param spec its registration, if registered: file names and expected sizes and digests come from it
     * @param source a file or folder
     * @param move move the files instead of copying them
     * @param listener progress, messages and cancel
     * @return the paths imported, in the model folder
     * @throws ModelStoreException if the source holds no model file or a file fails its check
     */
    List<String> importInto(String id, Optional<ModelSpec> spec, Path source, boolean move, Progress listener) {
        List<String> imported = new ArrayList<>();
        for (Map.Entry<FileKind, Path> e : find(source).entrySet()) {
            FileCheck.Expected expected = spec.map(s -> FileCheck.Expected.of(s.file(e.getKey()).orElseThrow(),
                    Optional.empty())).orElseGet(() -> FileCheck.Expected.unlisted(e.getKey().defaultPath(id),
                    Optional.empty()));
            importOne(id, expected, e.getValue(), move, listener);
            imported.add(expected.path());
        }
        return imported;
    }

    /** The model files a file or folder holds, by kind. */
    private static Map<FileKind, Path> find(Path source) {
        Map<FileKind, Path> found = new EnumMap<>(FileKind.class);
        if (Files.isRegularFile(source)) {
            found.put(FileKind.ofFileName(source), source);
            return found;
        }
        if (!Files.isDirectory(source)) {
            throw new ModelStoreException(source + " does not exist; give the downloaded .ckpt, the VAE's config.json"
                    + " or .safetensors, or the folder holding them");
        }
        List<Path> ckpts;
        try (Stream<Path> s = Files.list(source)) {
            ckpts = s.filter(p -> p.getFileName().toString().endsWith(".ckpt") && Files.isRegularFile(p)).toList();
        } catch (IOException e) {
            throw new ModelStoreException("cannot list " + source + ": " + e.getMessage(), e);
        }
        if (ckpts.size() > 1) {
            throw new ModelStoreException(source + " holds several checkpoints " + ckpts + "; import the one you"
                    + " want as FILE");
        }
        ckpts.forEach(c -> found.put(FileKind.UNET_CHECKPOINT, c));
        Path vae = Files.isDirectory(source.resolve("vae")) ? source.resolve("vae") : source;
        Optional.of(vae.resolve("config.json")).filter(Files::isRegularFile)
                .ifPresent(c -> found.put(FileKind.VAE_CONFIG, c));
        ModelFolder.VAE_WEIGHTS.stream().map(vae::resolve).filter(Files::isRegularFile).findFirst()
                .ifPresent(w -> found.put(FileKind.VAE_WEIGHTS, w));
        if (found.isEmpty()) {
            throw new ModelStoreException(source + " holds no model file (a .ckpt, vae/config.json or vae/"
                    + ModelFolder.VAE_WEIGHTS.get(0) + "); give the file itself or the folder holding it");
        }
        return found;
    }

    private void importOne(String id, FileCheck.Expected expected, Path source, boolean move,
            Progress listener) {
        listener.message((move ? "moving " : "copying ") + source + " to " + cache.file(id, expected.path()));
        Path staged = cache.staging(id, expected.path() + ".import");
        boolean renamed = stage(source, staged, expected.path(), move, listener);
        try {
            installer.install(id, expected, staged, source.toString(), "imported from " + source, listener);
        } catch (RuntimeException e) {
            try {
                // a moved source goes back where it was, a copy is dropped
                if (renamed) {
                    Files.move(staged, source, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(staged);
                }
            } catch (IOException io) {
                throw new ModelStoreException(e.getMessage() + " (the file was left in " + staged + ")", e);
            }
            throw e;
        }
        try {
            // a download of the same file that was left half-way is obsolete now
            HttpDownloader.discard(cache.staging(id, expected.path()));
            if (move && !renamed) {
                Files.delete(source);
            }
        } catch (IOException e) {
            listener.message("imported " + expected.path() + " but could not clean up (" + e.getMessage() + ")");
        }
    }

    /**
     * Copies or moves the source to the staged path.
     *
     * @return whether the source was renamed (a move within one file system) rather than copied
     */
    private static boolean stage(Path source, Path staged, String file, boolean move, Progress listener) {
        try {
            Files.createDirectories(staged.getParent());
            if (move) {
                try {
                    Files.move(source, staged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    return true;
                } catch (AtomicMoveNotSupportedException e) {
                    // another file system: copy, and delete the source once installed
                }
            }
            copy(source, staged, file, listener);
            return false;
        } catch (IOException e) {
            deleteQuietly(staged);
            Cancellation.rethrowInterrupt(e);
            throw new ModelStoreException("cannot copy " + source + " into " + staged.getParent() + ": " + e.getMessage()
                    + "; check the free space there or choose another cache (--cache DIR or DEPTHFM_HOME)", e);
        } catch (RuntimeException e) {
            deleteQuietly(staged);
            throw e;
        }
    }

    private static void copy(Path from, Path to, String file, Progress listener) throws IOException {
        RateMeter meter = new RateMeter(file, listener);
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = in.size();
            meter.restart(0, size);
            for (long pos = 0; pos < size; ) {
                Cancellation.check(listener);
                long n = in.transferTo(pos, Math.min(COPY_CHUNK, size - pos), out);
                if (n <= 0) {
                    throw new IOException(from + " shrank while being copied");
                }
                pos += n;
                meter.update(pos);
            }
            out.force(false);
            meter.finish(size);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the staging folder is cleaned with the model; a leftover copy does no harm
        }
    }
}
