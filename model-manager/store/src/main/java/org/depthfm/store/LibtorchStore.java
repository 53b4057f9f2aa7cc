package org.depthfm.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.depthfm.base.AtomicFile;
import org.depthfm.base.Progress;

/**
 * libtorch, the native library under DJL's PyTorch engine, fetched by the store instead of by
 * DJL: the same build DJL would choose (see {@link LibtorchRequest}), from DJL's own release
 * location ({@code https://publish.djl.ai/pytorch/VERSION/}, or a mirror's
 * {@code MIRROR/pytorch/VERSION/}, laid out the same), with the store's progress, resume, retries, proxies and offline mode, into the folder
 * where DJL looks first, so that DJL finds it and never downloads itself.
 *
 * <p>DJL's layout: {@code RELEASES/VERSION/files.txt} lists one gzip file per library, e.g.
 * {@code cpu/linux-x86_64/native/lib/libtorch_cpu.so.gz}; DJL keeps that list as
 * {@code CACHE/VERSION.txt} and each build unpacked in {@code CACHE/VERSION-FLAVOR-PLATFORM/}.
 * A fetched build is assembled in {@code CACHE/.depthfm-partial/} (a broken download resumes
 * there) and appears in DJL's folder in one rename, complete, with each file's size and SHA-256
 * recorded in its {@code manifest.json} (which {@link #verify} checks; DJL loads only libraries).
 */
public final class LibtorchStore {
    /** Where DJL publishes libtorch builds, one folder per version. */
    public static final String DJL_RELEASES = "https://publish.djl.ai/pytorch/";
    private static final String STAGING = ".depthfm-partial";
    private static final String LOCKS = ".depthfm-locks";
    private static final int BUFFER = 1 << 20;
    /** DJL's folder names: version (with an optional build date), flavor, platform. */
    private static final Pattern FOLDER = Pattern.compile(
            "(\\d+\\.\\d+\\.\\d+)(?:-\\d{8})?-(cpu(?:-precxx11)?|cu\\d{3}(?:-precxx11)?)-([a-z]+-[a-z0-9_]+)");

    private final StoreSettings settings;
    private HttpDownloader downloader;

    /**
     * @param settings the mirror, offline mode, HTTP and lock settings (the model cache folder is not used)
     */
    public LibtorchStore(StoreSettings settings) {
        this.settings = settings;
    }

    /**
     * @param request the build
     * @return where it is fetched from: DJL's release folder of its version, or the mirror's
     *     {@code pytorch/VERSION/}; with a trailing slash
     */
    public URI releases(LibtorchRequest request) {
        String base = settings.mirror().map(m -> m.toString().replaceAll("/+$", "") + "/pytorch/").orElse(DJL_RELEASES);
        return URI.create(base + request.releaseVersion() + "/");
    }

    /**
     * Looks for the build DJL would load, as DJL does, without the network: the folder of the
     * requested flavor, else (CUDA) the folder of the build DJL's cached list leads to.
     *
     * @param request the build
     * @return it, if it is there
     */
    public static Optional<LibtorchInstall> find(LibtorchRequest request) {
        if (Files.isRegularFile(request.folder(request.flavor()).resolve(LibtorchRequest.library()))) {
            return Optional.of(install(request, request.flavor()));
        }
        if (!request.flavor().startsWith("cu") || !Files.isRegularFile(request.indexFile())) {
            return Optional.empty();
        }
        String flavor = chooseFlavor(readIndex(request.indexFile()), request);
        return Files.isRegularFile(request.folder(flavor).resolve(LibtorchRequest.library()))
                ? Optional.of(install(request, flavor)) : Optional.empty();
    }

    /**
     * Makes sure the build DJL would load is in its folder, fetching it if not.
     *
     * @param request the build
     * @param listener messages, progress and cancel
     * @return it
     * @throws ModelStoreException offline without it, when DJL publishes no build for this
     *     platform, or when it cannot be fetched (with the ways to get it otherwise)
     * @throws java.util.concurrent.CancellationException if cancelled; what arrived is kept to resume
     */
    @SuppressWarnings("try") // the lock is held for the block's duration, never referenced in it
    public LibtorchInstall ensure(LibtorchRequest request, Progress listener) {
        Optional<LibtorchInstall> found = find(request);
        if (found.isPresent()) {
            return found.get();
        }
        if (settings.offline()) { // before the lock: offline, nothing is written either
            throw missing(request, "offline mode (--offline or " + StoreSettings.OFFLINE_ENV + "=1)");
        }
        if (request.djlOffline()) {
            throw missing(request, "DJL's offline mode (-Dai.djl.offline=true or DJL_OFFLINE=true)");
        }
        try (ModelLock lock = ModelLock.acquire(lockFile(request), "libtorch " + request.version(),
                settings.lockTimeout(), listener)) {
            found = find(request); // another process may have fetched it meanwhile
            return found.isPresent() ? found.get() : fetch(request, listener);
        }
    }

    private LibtorchInstall fetch(LibtorchRequest request, Progress listener) {
        URI releases = releases(request);
        if (!Files.isRegularFile(request.indexFile())) {
            listener.message("looking up the libtorch builds DJL publishes: " + releases + "files.txt");
        }
        List<String> index = index(request, releases, listener);
        String flavor = chooseFlavor(index, request);
        Path folder = request.folder(flavor);
        if (Files.isRegularFile(folder.resolve(LibtorchRequest.library()))) {
            return install(request, flavor);
        }
        String prefix = flavor + "/" + request.platform() + "/";
        List<String> files = index.stream().filter(l -> l.startsWith(prefix) && l.endsWith(".gz")).toList();
        if (files.isEmpty()) {
            throw new ModelStoreException("DJL publishes no libtorch " + request.version() + " " + flavor + " for "
                    + request.platform() + " (" + releases + "files.txt lists none under " + prefix + "); DepthFM cannot"
                    + " run on this platform unless PYTORCH_LIBRARY_PATH points at a libtorch " + request.version()
                    + " lib folder");
        }
        Path staging = request.cacheDir().resolve(STAGING).resolve(folder.getFileName().toString());
        Path unpacked = staging.resolve("unpacked");
        Map<String, String> sources = new TreeMap<>();
        listener.message("fetching libtorch " + request.version() + " " + flavor + " for " + request.platform()
                + " (" + files.size() + " files; the build DJL loads on this machine) from " + releases + " into " + folder);
        for (String line : files) {
            String name = URLDecoder.decode(line.substring(line.lastIndexOf('/') + 1, line.length() - 3),
                    StandardCharsets.UTF_8);
            Path target = unpacked.resolve(name);
            URI url = URI.create(releases + line);
            sources.put(name, url.toString());
            if (Files.isRegularFile(target)) {
                continue; // unpacked by an earlier run that stopped later
            }
            Path gz = staging.resolve("gz").resolve(line);
            downloader().download(url, gz, OptionalLong.empty(), name + ".gz", remedy(request), listener);
            unpack(gz, target, url, listener);
            discardQuietly(gz);
        }
        if (!request.jniBundled().test(flavor) && !Files.isRegularFile(unpacked.resolve(request.jniFile()))) {
            // DJL's jars carry its JNI library for the common flavors only; DJL fetches the others from here
            URI url = URI.create(releases + "jnilib/" + request.djlVersion() + "/" + request.platform() + "/" + flavor
                    + "/" + System.mapLibraryName("djl_torch"));
            Path jni = staging.resolve("jni").resolve(request.jniFile());
            sources.put(request.jniFile(), url.toString());
            downloader().download(url, jni, OptionalLong.empty(), request.jniFile(), remedy(request), listener);
            move(jni, unpacked.resolve(request.jniFile()));
            discardQuietly(jni);
        }
        if (!Files.isRegularFile(unpacked.resolve(LibtorchRequest.library()))) {
            throw new ModelStoreException("the files " + releases + "files.txt lists for " + prefix + " hold no "
                    + LibtorchRequest.library() + "; the mirror is incomplete or holds another layout (it needs DJL's"
                    + " pytorch/VERSION/ folder as it is on " + DJL_RELEASES + ")");
        }
        record(unpacked, folder.getFileName().toString(), name -> sources.getOrDefault(name, releases.toString()),
                listener);
        place(unpacked, folder);
        deleteTree(staging);
        return install(request, flavor);
    }

    /** @return DJL's list of published builds: the cached one, else fetched and cached where DJL keeps it */
    private List<String> index(LibtorchRequest request, URI releases, Progress listener) {
        Path file = request.indexFile();
        if (!Files.isRegularFile(file)) {
            Path staged = request.cacheDir().resolve(STAGING).resolve(file.getFileName().toString());
            URI url = URI.create(releases + "files.txt");
            downloader().download(url, staged, OptionalLong.empty(), "files.txt", remedy(request), listener);
            List<String> lines = readIndex(staged);
            if (lines.stream().noneMatch(l -> l.contains("/native/lib/"))) {
                discardQuietly(staged);
                throw new ModelStoreException(url + " is not DJL's list of libtorch builds (no line names a"
                        + " native/lib/ file); check the mirror (it needs DJL's pytorch/VERSION/ folder as it is on "
                        + DJL_RELEASES + ")");
            }
            move(staged, file);
            discardQuietly(staged);
        }
        return readIndex(file);
    }

    /**
     * Picks the build from DJL's list as DJL 0.36 does: the requested flavor for the CPU; for
     * CUDA the newest build not newer than the CUDA runtime found (exactly the one asked for when
     * set by hand), and the CPU build where none fits.
     *
     * @param index the lines of {@code files.txt}
     * @param request the build asked for
     * @return the flavor to load
     */
    static String chooseFlavor(List<String> index, LibtorchRequest request) {
        String flavor = request.flavor();
        if (!flavor.startsWith("cu")) {
            return flavor;
        }
        String precxx11 = flavor.endsWith("-precxx11") ? "-precxx11" : "";
        int wanted = Integer.parseInt(flavor.substring(2, 5));
        Pattern line = Pattern.compile("cu(\\d\\d\\d)" + Pattern.quote(precxx11 + "/" + request.platform()
                + "/native/lib/" + LibtorchRequest.library() + ".gz"));
        List<Integer> builds = new ArrayList<>();
        for (String l : index) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                builds.add(Integer.parseInt(m.group(1)));
            }
        }
        builds.sort(Comparator.reverseOrder());
        for (int cuda : builds) {
            if (request.flavorOverride() ? cuda == wanted : cuda <= wanted) {
                return "cu" + cuda + precxx11;
            }
        }
        return "cpu" + precxx11;
    }

    private static List<String> readIndex(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new ModelStoreException("cannot read DJL's list of libtorch builds " + file + ": " + e.getMessage()
                    + "; delete it to fetch it again", e);
        }
    }

    /**
     * Takes a libtorch folder copied from another machine: DJL's {@code VERSION-FLAVOR-PLATFORM}
     * folder from its {@code ~/.djl.ai/pytorch} (its name says which build it is), or a folder
     * holding a CPU build's libraries (or a {@code lib/} folder with them, as PyTorch's zips have).
     * The files are copied into DJL's folder for the build and recorded.
     *
     * @param source the folder
     * @param request the build DJL loads here
     * @param listener messages and cancel
     * @return the build as imported
     * @throws ModelStoreException if the folder holds no libtorch, or another version or platform
     */
    @SuppressWarnings("try") // the lock is held for the block's duration, never referenced in it
    public LibtorchInstall importFrom(Path source, LibtorchRequest request, Progress listener) {
        Path dir = libraryFolder(source).orElseThrow(() -> new ModelStoreException(source + " holds no "
                + LibtorchRequest.library() + " (nor lib/" + LibtorchRequest.library() + "); import the folder"
                + " ~/.djl.ai/pytorch/" + request.version() + "-FLAVOR-" + request.platform() + " of a machine where"
                + " DepthFM ran"));
        String flavor = flavorOf(dir, request, listener);
        Path folder = request.folder(flavor);
        try (ModelLock lock = ModelLock.acquire(lockFile(request), "libtorch " + request.version(),
                settings.lockTimeout(), listener)) {
            Path staging = request.cacheDir().resolve(STAGING).resolve("import-" + folder.getFileName());
            deleteTree(staging);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).filter(LibtorchStore::isLibrary).toList()) {
                    Cancellation.check(listener);
                    Files.createDirectories(staging);
                    Files.copy(f, staging.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (IOException e) {
                throw new ModelStoreException("cannot copy " + dir + " into " + staging + ": " + e.getMessage()
                        + "; check the free space and that DJL's cache folder is writable", e);
            }
            String from = "imported from " + dir.toAbsolutePath();
            record(staging, folder.getFileName().toString(), name -> from, listener);
            place(staging, folder);
            if (flavor.startsWith("cu") && !Files.isRegularFile(request.indexFile())) {
                writeIndex(request, flavor, folder);
            }
        }
        LibtorchInstall done = install(request, flavor);
        listener.message("imported " + done.title() + " into " + folder);
        if (!find(request).map(LibtorchInstall::dir).filter(folder::equals).isPresent()) {
            listener.message("note: DJL loads libtorch " + request.flavor() + " on this machine, not this " + flavor
                    + " build; set PYTORCH_FLAVOR=" + flavor + " to make it load this one, or import the build"
                    + " 'depthfm info' names");
        }
        return done;
    }

    /**
     * @param source a folder
     * @return whether it holds a libtorch (directly or in {@code lib/}), so that {@code models import} takes it as one
     */
    public static boolean isLibtorchFolder(Path source) {
        return libraryFolder(source).isPresent();
    }

    private static Optional<Path> libraryFolder(Path source) {
        for (Path dir : List.of(source, source.resolve("lib"))) {
            if (Files.isRegularFile(dir.resolve(LibtorchRequest.library()))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** @return the build a folder holds: its DJL name, its own record, or (unnamed) a CPU build of the version asked for */
    private static String flavorOf(Path dir, LibtorchRequest request, Progress listener) {
        Matcher m = FOLDER.matcher(dir.getFileName().toString());
        if (m.matches()) {
            if (!m.group(1).equals(request.releaseVersion()) || !m.group(3).equals(request.platform())) {
                throw new ModelStoreException(dir + " holds libtorch " + m.group(1) + " for " + m.group(3) + ", but"
                        + " DJL " + request.djlVersion() + " here needs libtorch " + request.releaseVersion() + " for "
                        + request.platform() + "; import the folder " + request.version() + "-FLAVOR-"
                        + request.platform() + " of a machine of this kind");
            }
            return m.group(2);
        }
        if (Files.isRegularFile(dir.resolve(System.mapLibraryName("torch_cuda")))) {
            throw new ModelStoreException(dir + " holds a CUDA build of libtorch, but its name does not say which;"
                    + " rename the folder as DJL names it (" + request.version() + "-cuNNN-" + request.platform()
                    + ", e.g. " + request.version() + "-cu128-" + request.platform() + ") and import it again");
        }
        listener.message(dir + " is not named as DJL names libtorch folders; taking it as libtorch "
                + request.version() + " cpu for " + request.platform() + " (DJL fails to start another version)");
        return "cpu";
    }

    /** DJL loads every library in the folder: only those, DJL's JNI library and nothing of ours travel. */
    private static boolean isLibrary(Path file) {
        return file.getFileName().toString().matches(".*\\.(so(\\.\\d+)*|dll|dylib)");
    }

    /** Lists an imported CUDA build where DJL looks for its list of builds, so that DJL finds it offline. */
    private static void writeIndex(LibtorchRequest request, String flavor, Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> lines = files.filter(LibtorchStore::isLibrary).map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(System.mapLibraryName("djl_torch"))).sorted()
                    .map(n -> flavor + "/" + request.platform() + "/native/lib/" + n + ".gz").toList();
            AtomicFile.writeString(request.indexFile(), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new ModelStoreException("cannot write " + request.indexFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks every file of the build DJL would load against the size and SHA-256 recorded when it
     * arrived; files not recorded yet (DJL extracted or fetched them) are recorded now.
     *
     * @param request the build
     * @param listener messages and cancel
     * @return one line per file; a missing build is one MISSING line
     */
    @SuppressWarnings("try") // the lock is held for the block's duration, never referenced in it
    public VerifyReport verify(LibtorchRequest request, Progress listener) {
        Optional<LibtorchInstall> found = find(request);
        if (found.isEmpty()) {
            return new VerifyReport("libtorch", request.folder(request.flavor()), List.of(new VerifyReport.FileReport(
                    LibtorchRequest.library(), VerifyReport.Status.MISSING, "missing; run 'depthfm models download'"
                    + " or import a libtorch folder with 'depthfm models import FOLDER'")));
        }
        Path dir = found.get().dir();
        String id = dir.getFileName().toString();
        try (ModelLock lock = ModelLock.acquire(lockFile(request), "libtorch " + request.version(),
                settings.lockTimeout(), listener)) {
            Manifest manifest = Manifest.read(dir, id);
            List<VerifyReport.FileReport> reports = new ArrayList<>();
            for (Path f : libraries(dir)) {
                String name = f.getFileName().toString();
                String sha = FileCheck.sha256(f, f.toString(), listener);
                long size = size(f);
                Optional<Manifest.Entry> recorded = manifest.entry(name);
                if (recorded.isPresent() && (recorded.get().size() != size || !recorded.get().sha256().equals(sha))) {
                    reports.add(new VerifyReport.FileReport(name, VerifyReport.Status.CORRUPT, "has " + size
                            + " bytes and SHA-256 " + sha + " but arrived with " + recorded.get().size() + " and "
                            + recorded.get().sha256() + "; delete " + dir + " and run 'depthfm models download'"));
                    continue;
                }
                if (recorded.isEmpty()) {
                    manifest = manifest.with(name, new Manifest.Entry(size, sha, modified(f), "found in " + dir));
                }
                reports.add(new VerifyReport.FileReport(name, VerifyReport.Status.OK, Bytes.format(size) + ", SHA-256 "
                        + sha));
            }
            for (String name : manifest.files().keySet()) {
                if (!Files.isRegularFile(dir.resolve(name))) {
                    reports.add(new VerifyReport.FileReport(name, VerifyReport.Status.MISSING, "missing; delete " + dir
                            + " and run 'depthfm models download'"));
                }
            }
            writeManifest(manifest, dir);
            return new VerifyReport("libtorch", dir, reports);
        }
    }

    private static void record(Path dir, String id, UnaryOperator<String> source, Progress listener) {
        Manifest manifest = new Manifest(id, Map.of());
        for (Path f : libraries(dir)) {
            String name = f.getFileName().toString();
            manifest = manifest.with(name, new Manifest.Entry(size(f), FileCheck.sha256(f, f.toString(), listener),
                    modified(f), source.apply(name)));
        }
        writeManifest(manifest, dir);
    }

    private static void writeManifest(Manifest manifest, Path dir) {
        try {
            manifest.write(dir);
        } catch (IOException e) {
            throw new ModelStoreException("cannot write the record of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> libraries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(LibtorchStore::isLibrary).sorted().toList();
        } catch (IOException e) {
            throw new ModelStoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static LibtorchInstall install(LibtorchRequest request, String flavor) {
        Path dir = request.folder(flavor);
        Manifest manifest = Manifest.read(dir, dir.getFileName().toString());
        Optional<String> source = manifest.entry(LibtorchRequest.library()).map(Manifest.Entry::source)
                .filter(s -> !s.startsWith("found in "));
        long bytes = libraries(dir).stream().mapToLong(LibtorchStore::size).sum();
        return new LibtorchInstall(request.version(), flavor, request.platform(), dir, source, bytes);
    }

    private static void unpack(Path gz, Path target, URI url, Progress listener) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), BUFFER);
                    OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[BUFFER];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    Cancellation.check(listener);
                    out.write(buf, 0, n);
                }
            }
            move(tmp, target);
        } catch (ZipException | EOFException e) {
            discardQuietly(gz); // what arrived is not what DJL publishes: fetch it afresh next time
            throw new ModelStoreException(url + " is not a complete gzip file (" + e.getMessage() + "); the mirror"
                    + " holds something else, or the file changed while it was fetched; run it again", e);
        } catch (IOException e) {
            Cancellation.rethrowInterrupt(e);
            throw new ModelStoreException("cannot unpack " + gz + " into " + target + ": " + e.getMessage()
                    + "; free some disk space, then run it again", e);
        }
    }

    /** Renames a complete folder into DJL's place, replacing a folder there that lacks libtorch (a broken earlier run). */
    private static void place(Path complete, Path folder) {
        try {
            deleteTree(folder);
            Files.createDirectories(folder.getParent());
            try {
                Files.move(complete, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(complete, folder);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ModelStoreException("cannot move " + complete + " to " + folder + ": " + e.getMessage()
                    + "; check that DJL's cache folder is writable", e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            AtomicFile.promote(from, to);
        } catch (IOException e) {
            throw new ModelStoreException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ModelStoreException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void discardQuietly(Path partial) {
        try {
            HttpDownloader.discard(partial);
        } catch (IOException e) {
            // a leftover partial file is resumed or replaced next time
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path lockFile(LibtorchRequest request) {
        return request.cacheDir().resolve(LOCKS).resolve(request.version() + "-" + request.platform() + ".lock");
    }

    private static String remedy(LibtorchRequest request) {
        return "copy ~/.djl.ai/pytorch/" + request.version() + "-FLAVOR-" + request.platform() + " from a machine where"
                + " DepthFM ran and import it with 'depthfm models import FOLDER'";
    }

    private ModelStoreException missing(LibtorchRequest request, String why) {
        return new ModelStoreException(why + ": libtorch " + request.version() + " " + request.flavor() + " for "
                + request.platform() + ", which DJL loads on this machine, is not in " + request.cacheDir() + "; on a"
                + " machine with network run 'depthfm models download' (it fetches libtorch too, from "
                + releases(request) + "), copy its folder " + request.folder(request.flavor()).getFileName()
                + " from ~/.djl.ai/pytorch and add it here with 'depthfm models import FOLDER' (in Fiji: Manage DepthFM"
                + " Models, import); or point PYTORCH_LIBRARY_PATH at a libtorch " + request.releaseVersion() + " lib folder"
                + (request.flavor().startsWith("cpu") ? "; or, in Fiji, put pytorch-native-cpu-" + request.releaseVersion()
                        + "-" + request.platform() + ".jar (Maven Central, group ai.djl.pytorch) into Fiji.app/jars" : ""));
    }

    /** The downloader is made on first use: its HTTP client starts a thread, which offline use never needs. */
    private synchronized HttpDownloader downloader() {
        if (downloader == null) {
            downloader = new HttpDownloader(settings.http());
        }
        return downloader;
    }
}
