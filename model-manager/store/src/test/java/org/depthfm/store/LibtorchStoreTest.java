package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class LibtorchStoreTest {
    @TempDir
    Path tmp;
    private FakeFileServer server;
    private final FakeLibtorch layout = new FakeLibtorch();
    private final MessageLog log = new MessageLog();
    private Path djlCache;

    @BeforeEach
    void start() throws Exception {
        server = new FakeFileServer();
        layout.serve(server, "mirror/");
        djlCache = tmp.resolve("djl/pytorch");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private LibtorchRequest request(String flavor, boolean override) {
        return new LibtorchRequest(FakeLibtorch.VERSION, "0.36.0", flavor, override, FakeLibtorch.PLATFORM, djlCache,
                f -> true, false);
    }

    private StoreSettings settings() {
        return TinyModel.settings(tmp.resolve("models")).withMirror(server.uri("mirror"));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void fetchesTheCpuBuildIntoDjlsFolderWithDjlsListAndTheRecordedDigests() throws Exception {
        LibtorchStore store = new LibtorchStore(settings());
        LibtorchInstall got = store.ensure(request("cpu", false), log);
        Path folder = djlCache.resolve("2.7.1-cpu-linux-x86_64");
        assertEquals(folder, got.dir());
        assertEquals("cpu", got.flavor());
        for (Map.Entry<String, byte[]> lib : layout.libraries("cpu").entrySet()) {
            assertArrayEquals(lib.getValue(), Files.readAllBytes(folder.resolve(lib.getKey())), lib.getKey());
        }
        assertEquals(layout.index(), Files.readString(djlCache.resolve("2.7.1.txt")), "DJL's list, where DJL keeps it");
        JsonObject files = JsonParser.parseString(Files.readString(folder.resolve("manifest.json"))).getAsJsonObject()
                .getAsJsonObject("files");
        assertEquals(layout.libraries("cpu").keySet(), files.keySet());
        for (Map.Entry<String, byte[]> lib : layout.libraries("cpu").entrySet()) {
            JsonObject e = files.getAsJsonObject(lib.getKey());
            assertEquals(sha256(lib.getValue()), e.get("sha256").getAsString());
            assertEquals(server.uri("mirror/pytorch/2.7.1/cpu/linux-x86_64/native/lib/" + lib.getKey() + ".gz").toString(),
                    e.get("source").getAsString());
        }
        assertEquals(Optional.of(server.uri("mirror/pytorch/2.7.1/cpu/linux-x86_64/native/lib/libtorch.so.gz").toString()),
                got.source());
        assertFalse(Files.exists(djlCache.resolve(".depthfm-partial/2.7.1-cpu-linux-x86_64")), "staging left behind");

        int requests = server.requests().size();
        assertEquals(folder, store.ensure(request("cpu", false), log).dir());
        assertEquals(requests, server.requests().size(), "a present build is not fetched again");
        assertTrue(store.verify(request("cpu", false), log).ok());
    }

    @ParameterizedTest
    @CsvSource({"cu126, false, cu124", "cu130, false, cu128", "cu128, false, cu128", "cu117, false, cpu",
            "cu124, true, cu124", "cu121, true, cpu", "cpu, false, cpu"})
    void choosesTheBuildAsDjlDoes(String asked, boolean override, String chosen) {
        // DJL 0.36 LibUtils.downloadPyTorch: the newest CUDA build not newer than the runtime found,
        // exactly the one set with PYTORCH_FLAVOR, the CPU build where none fits
        List<String> index = layout.index().lines().toList();
        assertEquals(chosen, LibtorchStore.chooseFlavor(index, request(asked, override)));
    }

    @Test
    void aCudaMachineGetsTheNewestFittingBuildAndFindsItAgainOffline() throws Exception {
        LibtorchStore store = new LibtorchStore(settings());
        LibtorchInstall got = store.ensure(request("cu126", false), log);
        assertEquals(djlCache.resolve("2.7.1-cu124-linux-x86_64"), got.dir());
        assertArrayEquals(layout.library("cu124", "libtorch_cuda.so"), Files.readAllBytes(got.dir()
                .resolve("libtorch_cuda.so")));
        // without the network, as DJL does: no cu126 folder, so DJL's cached list leads it to cu124
        int requests = server.requests().size();
        assertEquals(Optional.of(got.dir()), LibtorchStore.find(request("cu126", false)).map(LibtorchInstall::dir));
        assertEquals(got.dir(), new LibtorchStore(settings().withOffline(true)).ensure(request("cu126", false), log).dir());
        assertEquals(requests, server.requests().size());
    }

    @Test
    void aCutLibraryResumesByteExact() throws Exception {
        FakeFileServer.Served gz = server.file("mirror/pytorch/2.7.1/cpu/linux-x86_64/native/lib/libtorch_cpu.so.gz");
        Random random = new Random(3);
        random.longs(12, 1, gz.content.length - 1).sorted().distinct().forEach(gz.cuts::add);
        gz.ignoreRange = true; // and the mirror answers every resume with the whole file
        LibtorchInstall got = new LibtorchStore(settings()).ensure(request("cpu", false), log);
        assertArrayEquals(layout.library("cpu", "libtorch_cpu.so"), Files.readAllBytes(got.dir().resolve("libtorch_cpu.so")));
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("already here are skipped")), log.lines().toString());
    }

    @Test
    void fetchesDjlsJniLibraryWhereItsJarsLackIt() throws Exception {
        byte[] jni = "fake jni".getBytes(StandardCharsets.US_ASCII);
        server.put("mirror/pytorch/2.7.1/jnilib/0.36.0/linux-x86_64/cu118/libdjl_torch.so", jni);
        LibtorchRequest cu118 = new LibtorchRequest(FakeLibtorch.VERSION, "0.36.0", "cu118", true, FakeLibtorch.PLATFORM,
                djlCache, f -> !f.equals("cu118"), false);
        LibtorchInstall got = new LibtorchStore(settings()).ensure(cu118, log);
        assertArrayEquals(jni, Files.readAllBytes(got.dir().resolve("0.36.0-libdjl_torch.so")));
    }

    @Test
    void offlineWithoutItSaysHowToGetIt() {
        LibtorchStore offline = new LibtorchStore(settings().withOffline(true));
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> offline.ensure(request("cpu", false), log));
        assertEquals("offline mode (--offline or DEPTHFM_OFFLINE=1): libtorch 2.7.1 cpu for linux-x86_64, which DJL"
                + " loads on this machine, is not in " + djlCache + "; on a machine with network run 'depthfm models"
                + " download' (it fetches libtorch too, from " + server.uri("mirror/pytorch/2.7.1/") + "), copy its folder"
                + " 2.7.1-cpu-linux-x86_64 from ~/.djl.ai/pytorch and add it here with 'depthfm models import FOLDER' (in"
                + " Fiji: Manage DepthFM Models, import); or point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 lib folder; or, in"
                + " Fiji, put pytorch-native-cpu-2.7.1-linux-x86_64.jar (Maven Central, group ai.djl.pytorch) into"
                + " Fiji.app/jars", e.getMessage());
        assertTrue(server.requests().isEmpty());
        assertFalse(Files.exists(djlCache), "offline, nothing is written into DJL's cache");
    }

    @Test
    void djlsOfflineModeKeepsTheStoreOfflineForLibtorchToo() {
        LibtorchRequest djlOffline = new LibtorchRequest(FakeLibtorch.VERSION, "0.36.0", "cu128", false,
                FakeLibtorch.PLATFORM, djlCache, f -> true, true);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> new LibtorchStore(settings()).ensure(djlOffline, log));
        assertTrue(e.getMessage().startsWith("DJL's offline mode (-Dai.djl.offline=true or DJL_OFFLINE=true): libtorch"
                + " 2.7.1 cu128 for linux-x86_64"), e.getMessage());
        assertFalse(e.getMessage().contains("pytorch-native-cpu"), "no CPU jar for a CUDA build: " + e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void unreachableReleasesFailQuicklyWithTheImportInstructions() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StoreSettings refused = new StoreSettings(tmp.resolve("models"), Optional.of(URI.create("http://127.0.0.1:" + port)),
                false, HttpSettings.defaults(Map.of(), new Properties()).withProxy(java.net.http.HttpClient.Builder.NO_PROXY),
                Duration.ofSeconds(30));
        ModelStoreException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                ModelStoreException.class, () -> new LibtorchStore(refused).ensure(request("cpu", false), log)));
        assertTrue(e.getMessage().startsWith("cannot download http://127.0.0.1:" + port + "/pytorch/2.7.1/files.txt:"
                + " cannot connect to 127.0.0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("copy ~/.djl.ai/pytorch/2.7.1-FLAVOR-linux-x86_64 from a machine where DepthFM"
                + " ran and import it with 'depthfm models import FOLDER'"), e.getMessage());
    }

    @Test
    void aMirrorWithoutDjlsLayoutIsNamed() {
        server.put("mirror/pytorch/2.7.1/files.txt", "<html>not here</html>".getBytes(StandardCharsets.US_ASCII));
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> new LibtorchStore(settings()).ensure(request("cpu", false), log));
        assertTrue(e.getMessage().startsWith(server.uri("mirror/pytorch/2.7.1/files.txt") + " is not DJL's list of"
                + " libtorch builds"), e.getMessage());
        assertFalse(Files.exists(djlCache.resolve("2.7.1.txt")));
    }

    private Path copiedFolder(String name, String flavor) throws Exception {
        Path dir = tmp.resolve("usb").resolve(name);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> lib : layout.libraries(flavor).entrySet()) {
            Files.write(dir.resolve(lib.getKey()), lib.getValue());
        }
        Files.write(dir.resolve("0.36.0-libdjl_torch.so"), new byte[] {7});
        Files.writeString(dir.resolve("notes.txt"), "not a library");
        return dir;
    }

    @Test
    void importsAFolderCopiedFromAnotherMachine() throws Exception {
        Path usb = copiedFolder("2.7.1-cpu-linux-x86_64", "cpu");
        LibtorchStore offline = new LibtorchStore(settings().withOffline(true));
        LibtorchInstall got = offline.importFrom(usb, request("cpu", false), log);
        assertEquals(djlCache.resolve("2.7.1-cpu-linux-x86_64"), got.dir());
        for (Map.Entry<String, byte[]> lib : layout.libraries("cpu").entrySet()) {
            assertArrayEquals(lib.getValue(), Files.readAllBytes(got.dir().resolve(lib.getKey())));
        }
        assertTrue(Files.exists(got.dir().resolve("0.36.0-libdjl_torch.so")));
        assertFalse(Files.exists(got.dir().resolve("notes.txt")));
        assertEquals(Optional.of("imported from " + usb), got.source());
        assertEquals(Optional.of(got.dir()), LibtorchStore.find(request("cpu", false)).map(LibtorchInstall::dir));
        assertTrue(offline.verify(request("cpu", false), log).ok());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void anImportedCudaBuildIsListedSoDjlFindsItWithoutTheNetwork() throws Exception {
        Path usb = copiedFolder("2.7.1-cu128-linux-x86_64", "cu128");
        LibtorchStore offline = new LibtorchStore(settings().withOffline(true));
        offline.importFrom(usb, request("cu129", false), log);
        // DJL asks for cu129 (the runtime here), finds no such folder, and reads its list of builds
        assertEquals(List.of("cu128/linux-x86_64/native/lib/libc10.so.gz", "cu128/linux-x86_64/native/lib/libc10_cuda.so.gz",
                "cu128/linux-x86_64/native/lib/libtorch.so.gz", "cu128/linux-x86_64/native/lib/libtorch_cpu.so.gz",
                "cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz"),
                Files.readAllLines(djlCache.resolve("2.7.1.txt")));
        assertEquals(Optional.of(djlCache.resolve("2.7.1-cu128-linux-x86_64")),
                LibtorchStore.find(request("cu129", false)).map(LibtorchInstall::dir));
    }

    @Test
    void anImportOfAnotherVersionOrPlatformIsRefused() throws Exception {
        Path old = copiedFolder("2.5.1-cpu-linux-x86_64", "cpu");
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> new LibtorchStore(settings()).importFrom(old, request("cpu", false), log));
        assertEquals(old + " holds libtorch 2.5.1 for linux-x86_64, but DJL 0.36.0 here needs libtorch 2.7.1 for"
                + " linux-x86_64; import the folder 2.7.1-FLAVOR-linux-x86_64 of a machine of this kind", e.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertFalse(LibtorchStore.isLibtorchFolder(empty));
        assertTrue(LibtorchStore.isLibtorchFolder(old));
    }

    @Test
    void verifyFindsADamagedLibrary() throws Exception {
        LibtorchStore store = new LibtorchStore(settings());
        Path lib = store.ensure(request("cpu", false), log).dir().resolve("libc10.so");
        byte[] b = Files.readAllBytes(lib);
        b[100] ^= 1;
        Files.write(lib, b);
        VerifyReport r = store.verify(request("cpu", false), log);
        assertFalse(r.ok());
        VerifyReport.FileReport bad = r.files().stream().filter(f -> f.path().equals("libc10.so")).findFirst().orElseThrow();
        assertEquals(VerifyReport.Status.CORRUPT, bad.status());
        assertTrue(bad.detail().contains("but arrived with"), bad.detail());
    }
}
