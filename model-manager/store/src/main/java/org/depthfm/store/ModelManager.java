package org.depthfm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.depthfm.base.Progress;
import org.depthfm.formats.CheckpointException;

/**
 * The model store: what {@code depthfm models list | download | import | verify | path | remove}
 * and the first {@code estimate} call use. Models live in the cache folder of
 * {@link StoreSettings#cacheRoot()}, one folder per model; registered models are downloaded from
 * their registry URLs (or a mirror), files fetched by hand are imported. Every change to a model
 * folder happens under that model's lock, so Fiji instances, the CLI and batch jobs may share one
 * cache; every file appears in it complete and checked, or not at all.
 *
 * <p>Failures are {@link ModelStoreException}s with one-line messages that say how to fix them;
 * a cancel (thread interrupt or {@link Progress#checkCancelled()}) ends with a
 * {@link CancellationException} and leaves partial downloads to resume.
 */
public final class ModelManager {
    /** How to get a model file without downloading it here, for the downloader's messages. */
    static final String REMEDY = "fetch it on another machine or in a browser and import it with 'depthfm models import"
            + " FILE'";
    private final StoreSettings settings;
    private final ModelRegistry registry;
    private final ModelCache cache;
    private final ModelInstaller installer;
    private final ModelImporter importer;
    private final LibtorchStore libtorch;
    private final Optional<NativeRuntime> runtime;
    private HttpDownloader downloader;

    /**
     * @param settings cache folder, mirror, offline mode and HTTP settings
     * @param registry the models that can be downloaded
     */
    public ModelManager(StoreSettings settings, ModelRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.cache = new ModelCache(settings.cacheRoot());
        this.installer = new ModelInstaller(cache);
        this.importer = new ModelImporter(cache, installer);
        this.libtorch = new LibtorchStore(settings);
        this.runtime = NativeRuntime.find();
    }

    /** @return a manager with the built-in registry and the settings of the environment ({@link StoreSettings#fromEnvironment()}) */
    public static ModelManager fromEnvironment() {
        return new ModelManager(StoreSettings.fromEnvironment(), ModelRegistry.builtin());
    }

    /** @return the settings */
    public StoreSettings settings() {
        return settings;
    }

    /** @return the registry */
    public ModelRegistry registry() {
        return registry;
    }

    /** @return the registered models and those imported under names of their own, with their state on disk */
    public List<ModelStatus> list() {
        Set<String> ids = new LinkedHashSet<>();
        registry.models().forEach(m -> ids.add(m.id()));
        ids.addAll(cache.ids());
        return ids.stream().map(this::status).toList();
    }

    /**
     * @param id a model's name, or null for the default model
     * @return its folder, whether or not it exists yet
     */
    public Path path(String id) {
        return cache.modelDir(orDefault(id));
    }

    /**
     * Returns a model ready to load, downloading what it lacks on first use without asking,
     * while telling the listener what it fetches and how big it is. Files present are checked
     * cheaply (size and time against the manifest); changed ones are checked in full and
     * fetched again if damaged.
     *
     * @param id a model's name, or null for the default model
     * @param listener messages, progress and cancel
     * @return its folder
     * @throws ModelStoreException if it is unknown, offline and incomplete, or cannot be fetched
     * @throws CancellationException if cancelled
     */
    public ModelFolder ensure(String id, Progress listener) {
        ModelFolder folder = prepare(requireKnown(orDefault(id)), false, listener);
        ensureLibtorch(listener);
        return folder;
    }

    /**
     * Downloads what a registered model lacks (nothing if it is complete), resuming partial downloads.
     *
     * @param id a registered model's name, or null for the default model
     * @param listener messages, progress and cancel
     * @return its folder
     * @throws ModelStoreException if it is not registered, offline mode is on, or a file cannot be fetched
     * @throws CancellationException if cancelled
     */
    public ModelFolder download(String id, Progress listener) {
        String model = orDefault(id);
        registry.get(model);
        ModelFolder folder = prepare(model, true, listener);
        ensureLibtorch(listener).ifPresent(l -> listener.message(l.title() + " is ready in " + l.dir() + " ("
                + Bytes.format(l.bytes()) + ")"));
        return folder;
    }

    /**
     * Makes sure the libtorch build the engine loads is where DJL looks for it, fetching it the way
     * model files are fetched (see {@link LibtorchStore}); {@link #ensure} and {@link #download}
     * do this after the model.
     *
     * @param listener messages, progress and cancel
     * @return the build, or empty where the engine loads libtorch from elsewhere (a libtorch jar on
     *     the class path, {@code PYTORCH_LIBRARY_PATH}) or is not on the class path
     * @throws ModelStoreException offline without it, or if it cannot be fetched
     */
    public Optional<LibtorchInstall> ensureLibtorch(Progress listener) {
        return runtime.flatMap(NativeRuntime::libtorch).map(r -> libtorch.ensure(r, listener));
    }

    /**
     * @return the libtorch build the engine loads from DJL's cache
     * @throws ModelStoreException where it loads one from elsewhere (saying where), or without the engine
     */
    public LibtorchRequest libtorchRequest() {
        NativeRuntime r = runtime.orElseThrow(() -> new ModelStoreException("the engine is not on the class path, so"
                + " there is no libtorch to fetch, import or check"));
        return r.libtorch().orElseThrow(() -> new ModelStoreException("this DepthFM loads libtorch from "
                + r.elsewhere() + ", not from DJL's cache: there is nothing to fetch, import or check (the depthfm"
                + " command takes DJL's build with DEPTHFM_LIBTORCH=auto)"));
    }

    /** @return the engine's description of its native library, if the engine is on the class path */
    public Optional<NativeRuntime> runtime() {
        return runtime;
    }

    /** @return the store of libtorch builds, with these settings */
    public LibtorchStore libtorch() {
        return libtorch;
    }

    /**
     * Checks every file of a model in full: present, of the right size and format, and with the
     * SHA-256 the registry gives or that was recorded when it arrived. Files not recorded yet
     * (copied in by hand) have their digest recorded.
     *
     * @param id a model's name, or null for the default model
     * @param listener messages and cancel
     * @return one line per file
     * @throws ModelStoreException if the model is neither registered nor in the cache
     */
    public VerifyReport verify(String id, Progress listener) {
        String model = requireKnown(orDefault(id));
        return locked(model, listener, () -> {
            Manifest manifest = Manifest.read(cache.modelDir(model), model);
            List<VerifyReport.FileReport> files = expectations(model, manifest).stream()
                    .map(e -> verifyFile(model, e, manifest, listener)).toList();
            return new VerifyReport(model, cache.modelDir(model), files);
        });
    }

    /**
     * Imports files fetched by hand: a UNet {@code .ckpt}, the VAE's {@code config.json} or
     * {@code .safetensors}, the Hub's {@code vae} folder, or a whole model folder. They pass the
     * same checks as downloads; under a registered name they must be the registered files.
     *
     * A folder holding libtorch (copied from another machine's {@code ~/.djl.ai/pytorch}) is
     * imported as libtorch instead (see {@link LibtorchStore#importFrom}), under the id
     * {@code libtorch}.
     *
     * @param source a file or folder
     * @param id the model to import into (registered, or a name of one's own), or null for the default model
     * @param move move the files instead of copying them
     * @param listener messages, progress and cancel
     * @return what was imported and what the model still lacks
     * @throws ModelStoreException if the source holds no model file or a file fails its check
     * @throws CancellationException if cancelled
     */
    public ImportResult importFile(Path source, String id, boolean move, Progress listener) {
        if (Files.isDirectory(source) && LibtorchStore.isLibtorchFolder(source)) {
            LibtorchInstall l = libtorch.importFrom(source, libtorchRequest(), listener);
            try (Stream<Path> files = Files.list(l.dir())) {
                return new ImportResult("libtorch", l.dir(), files.map(f -> f.getFileName().toString())
                        .filter(n -> !n.equals(Manifest.FILE_NAME)).sorted().toList(), List.of());
            } catch (IOException e) {
                throw new ModelStoreException("cannot list " + l.dir() + ": " + e.getMessage(), e);
            }
        }
        String model = orDefault(id);
        return locked(model, listener, () -> {
            List<String> imported = importer.importInto(model, registry.find(model), source.toAbsolutePath(), move,
                    listener);
            dropEmptyStaging(model);
            List<String> missing = missing(model, expectations(model, Manifest.read(cache.modelDir(model), model)));
            return new ImportResult(model, cache.modelDir(model), imported, missing);
        });
    }

    /**
     * Deletes a model's folder, partial downloads included.
     *
     * @param id the model's name
     * @param listener messages and cancel (of the wait for another process using the model)
     * @return the bytes freed (0 if it was not in the cache)
     * @throws ModelStoreException if a file cannot be deleted (e.g. it is in use)
     */
    public long remove(String id, Progress listener) {
        Path dir = cache.modelDir(id);
        if (!Files.isDirectory(dir)) {
            listener.message("model " + id + " is not in the cache " + cache.root() + "; nothing to remove");
            return 0;
        }
        long bytes = locked(id, listener, () -> deleteTree(dir));
        listener.message("removed " + id + " (" + Bytes.format(bytes) + ") from " + cache.root());
        return bytes;
    }

    private ModelFolder prepare(String id, boolean verbose, Progress listener) {
        Path dir = cache.modelDir(id);
        locked(id, listener, () -> {
            List<FileCheck.Expected> todo = pending(id, listener);
            if (!todo.isEmpty()) {
                ModelSpec spec = registry.find(id).orElseThrow(() -> new ModelStoreException("model " + id + " lacks "
                        + paths(todo) + " in " + dir + "; it is not in the registry, so import them with 'depthfm"
                        + " models import FILE --as " + id + "'"));
                if (settings.offline()) {
                    throw offline(spec, todo);
                }
                fetch(spec, todo, listener);
                dropEmptyStaging(id);
            } else if (verbose) {
                listener.message(id + " is complete in " + dir);
            }
            return null;
        });
        try {
            return ModelFolder.of(dir);
        } catch (CheckpointException e) {
            throw new ModelStoreException(e.getMessage(), e);
        }
    }

    /** @return the files to fetch: missing, or present but failing their check */
    private List<FileCheck.Expected> pending(String id, Progress listener) {
        Manifest manifest = Manifest.read(cache.modelDir(id), id);
        List<FileCheck.Expected> todo = new ArrayList<>();
        for (FileCheck.Expected e : expectations(id, manifest)) {
            Path file = cache.file(id, e.path());
            if (!Files.isRegularFile(file)) {
                todo.add(e);
            } else if (!unchanged(id, manifest, e.path())) {
                try {
                    installer.adopt(id, e, source(manifest.entry(e.path()), file), listener);
                } catch (ModelStoreException x) {
                    listener.message(e.path() + " fails its check and will be fetched again: " + x.getMessage());
                    todo.add(e);
                }
            }
        }
        return todo;
    }

    private void fetch(ModelSpec spec, List<FileCheck.Expected> todo, Progress listener) {
        long known = todo.stream().mapToLong(e -> e.size().orElse(0)).sum();
        long unknown = todo.stream().filter(e -> e.size().isEmpty()).count();
        listener.message("downloading " + spec.id() + " (" + todo.size() + " file" + (todo.size() == 1 ? "" : "s") + ", "
                + Bytes.format(known) + (unknown > 0 ? " + " + unknown + " of unknown size" : "") + ") into "
                + cache.modelDir(spec.id()));
        for (FileCheck.Expected e : todo) {
            ModelFile file = spec.file(e.path()).orElseThrow();
            // what the registry says, not what was recorded of an older copy: upstream may have replaced it
            FileCheck.Expected fresh = FileCheck.Expected.of(file, Optional.empty());
            URI source = settings.source(file);
            Path staged = cache.staging(spec.id(), file.path());
            listener.message("fetching " + file.path() + " (" + Bytes.format(file.size().orElse(-1)) + ", licence "
                    + file.licence() + ") from " + source);
            downloader().download(source, staged, file.size(), file.path(), REMEDY, listener);
            try {
                installer.install(spec.id(), fresh, staged, file.path() + " from " + source, source.toString(),
                        listener);
            } finally {
                // installed: only the resume record is left; failed: the complete file is useless, start afresh
                discardQuietly(staged);
            }
        }
    }

    private VerifyReport.FileReport verifyFile(String id, FileCheck.Expected e, Manifest manifest,
            Progress listener) {
        Path file = cache.file(id, e.path());
        if (!Files.isRegularFile(file)) {
            return new VerifyReport.FileReport(e.path(), VerifyReport.Status.MISSING, "missing; "
                    + (registry.find(id).isPresent() ? "run 'depthfm models download " + id + "'"
                            : "import it with 'depthfm models import FILE --as " + id + "'"));
        }
        try {
            Manifest.Entry entry = installer.adopt(id, e, source(manifest.entry(e.path()), file), listener);
            return new VerifyReport.FileReport(e.path(), VerifyReport.Status.OK,
                    Bytes.format(entry.size()) + ", SHA-256 " + entry.sha256());
        } catch (ModelStoreException x) {
            return new VerifyReport.FileReport(e.path(), VerifyReport.Status.CORRUPT, x.getMessage());
        }
    }

    private ModelStatus status(String id) {
        Optional<ModelSpec> spec = registry.find(id);
        Path dir = cache.modelDir(id);
        Manifest manifest = Manifest.read(dir, id);
        List<FileCheck.Expected> expected = expectations(id, manifest);
        long bytes = bytesIn(dir);
        ModelStatus.State state;
        if (!missing(id, expected).isEmpty()) {
            state = bytes > 0 ? ModelStatus.State.INCOMPLETE : ModelStatus.State.ABSENT;
        } else if (expected.stream().allMatch(e -> unchanged(id, manifest, e.path()))) {
            state = ModelStatus.State.READY;
        } else {
            state = ModelStatus.State.UNCHECKED;
        }
        return new ModelStatus(id, spec.map(ModelSpec::title).orElse("imported under a name of its own"),
                spec.isPresent(), state, dir, bytes, spec.map(ModelSpec::totalSize).orElse(OptionalLong.empty()));
    }

    /**
     * @return what a model's files must be: the registry's files, or for a model imported under a
     *     name of its own the default layout, completed by what the manifest recorded
     */
    private List<FileCheck.Expected> expectations(String id, Manifest manifest) {
        return registry.find(id)
                .map(s -> s.files().stream().map(f -> FileCheck.Expected.of(f, manifest.entry(f.path()))))
                .orElseGet(() -> Arrays.stream(FileKind.values()).map(k -> k.defaultPath(id))
                        .map(p -> FileCheck.Expected.unlisted(p, manifest.entry(p))))
                .toList();
    }

    /** The cheap check: the file has the size and modification time recorded when it was last checked. */
    private boolean unchanged(String id, Manifest manifest, String path) {
        return manifest.entry(path).filter(r -> r.matches(cache.file(id, path))).isPresent();
    }

    private List<String> missing(String id, List<FileCheck.Expected> expected) {
        return expected.stream().map(FileCheck.Expected::path).filter(p -> !Files.isRegularFile(cache.file(id, p)))
                .toList();
    }

    private ModelStoreException offline(ModelSpec spec, List<FileCheck.Expected> todo) {
        String urls = todo.stream().map(e -> settings.source(spec.file(e.path()).orElseThrow()).toString())
                .collect(Collectors.joining(" and "));
        return new ModelStoreException("offline mode (--offline or " + StoreSettings.OFFLINE_ENV + "=1): model "
                + spec.id() + " lacks " + paths(todo) + " in " + cache.modelDir(spec.id())
                + " (missing or damaged); on a machine with network download " + urls
                + ", then add each here with 'depthfm models import FILE --as " + spec.id() + "', or copy a complete "
                + spec.id() + " folder into " + cache.root());
    }

    private static String paths(List<FileCheck.Expected> files) {
        return files.stream().map(FileCheck.Expected::path).collect(Collectors.joining(", "));
    }

    private static String source(Optional<Manifest.Entry> recorded, Path file) {
        return recorded.map(Manifest.Entry::source).orElse("found in " + file.getParent());
    }

    private String orDefault(String id) {
        return id == null ? registry.defaultId() : ModelCache.checkId(id);
    }

    private String requireKnown(String id) {
        if (registry.find(id).isEmpty() && !Files.isDirectory(cache.modelDir(id))) {
            registry.get(id); // throws, naming the known models
        }
        return id;
    }

    /** Runs work on a model's folder while holding its lock. */
    @SuppressWarnings("try") // the lock is held for the block's duration, never referenced in it
    private <T> T locked(String id, Progress listener, Supplier<T> work) {
        try (ModelLock lock = ModelLock.acquire(cache.lockFile(id), id, settings.lockTimeout(), listener)) {
            return work.get();
        }
    }

    /** Removes the staging folder once nothing is left in it to resume, so a model folder holds only its files. */
    private void dropEmptyStaging(String id) {
        try (Stream<Path> walk = Files.walk(cache.stagingDir(id))) {
            for (Path dir : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(dir); // fails on the first folder that still holds a partial file
            }
        } catch (IOException | UncheckedIOException e) {
            // a partial download is left to resume (or there was no staging folder): keep what is there
        }
    }

    /** @return the bytes the folder held */
    private static long deleteTree(Path dir) {
        long bytes = bytesIn(dir);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ModelStoreException("cannot delete " + dir + ": " + e.getMessage() + "; close the programs"
                    + " using the model (Fiji, another DepthFM) and try again", e);
        }
        return bytes;
    }

    /** The downloader is made on first use: its HTTP client starts a thread, which offline use never needs. */
    private synchronized HttpDownloader downloader() {
        if (downloader == null) {
            downloader = new HttpDownloader(settings.http());
        }
        return downloader;
    }

    private static long bytesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // only for display; a folder being changed right now may vanish under the walk
        }
    }

    private static void discardQuietly(Path staged) {
        try {
            HttpDownloader.discard(staged);
        } catch (IOException e) {
            // a leftover partial file is resumed or replaced by the next download
        }
    }
}
