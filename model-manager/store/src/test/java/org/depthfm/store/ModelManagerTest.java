package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.depthfm.base.Fixtures;
import org.depthfm.base.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ModelManagerTest {
    @TempDir
    Path tmp;
    private Path cache;
    private FakeFileServer server;
    private ModelManager manager;
    private final MessageLog log = new MessageLog();

    @BeforeEach
    void start() throws Exception {
        server = new FakeFileServer();
        TinyModel.serve(server, "files/");
        cache = tmp.resolve("cache");
        manager = TinyModel.manager(cache, server.uri("files/"), true);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Path file(String path) {
        return cache.resolve(TinyModel.ID).resolve(path);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long regularFilesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private ModelStatus.State state(ModelManager m, String id) {
        return m.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().state();
    }

    @Test
    void downloadsChecksRecordsAndVerifies() throws Exception {
        ModelFolder folder = manager.download(TinyModel.ID, log);
        assertEquals(file(TinyModel.CKPT), folder.unet());
        for (String f : TinyModel.FILES) {
            assertArrayEquals(TinyModel.bytes(f), Files.readAllBytes(file(f)), f);
        }
        String manifest = Files.readString(file(Manifest.FILE_NAME));
        for (String f : TinyModel.FILES) {
            assertTrue(manifest.contains(sha256(TinyModel.bytes(f))), f + " digest recorded");
        }
        assertFalse(Files.exists(file(".partial")), "nothing left to resume, so no staging folder");
        assertTrue(log.lines().contains("fetching unet.ckpt (4.33 MB, licence test licence) from "
                + server.uri("files/unet.ckpt")), log.lines().toString());
        VerifyReport report = manager.verify(TinyModel.ID, log);
        assertTrue(report.ok(), report.toString());
        assertEquals(ModelStatus.State.READY, state(manager, TinyModel.ID));
    }

    @Test
    void ensureUsesTheCacheWithoutTheNetworkOnceComplete() {
        manager.download(TinyModel.ID, log);
        int before = server.requests().size();
        log.clear();
        ModelManager offline = new ModelManager(TinyModel.settings(cache).withOffline(true),
                TinyModel.registry(server.uri("files/").toString(), true));
        assertEquals(file(TinyModel.CKPT), offline.ensure(null, log).unet());
        assertEquals(before, server.requests().size());
        assertEquals(List.of(), log.lines());
    }

    @Test
    void offlineModeNamesTheMissingFilesAndHowToImportThem() {
        ModelManager offline = new ModelManager(TinyModel.settings(cache).withOffline(true),
                TinyModel.registry(server.uri("files/").toString(), true));
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> offline.ensure(TinyModel.ID, log));
        assertTrue(e.getMessage().startsWith("offline mode (--offline or DEPTHFM_OFFLINE=1): model tiny lacks unet.ckpt,"
                + " vae/config.json, vae/diffusion_pytorch_model.safetensors in " + cache.resolve("tiny")), e.getMessage());
        assertTrue(e.getMessage().contains(server.uri("files/unet.ckpt") + " and "), e.getMessage());
        assertTrue(e.getMessage().contains("'depthfm models import FILE --as tiny'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(List.of(), server.requests());
    }

    @Test
    void aFileThatFailsItsFormatCheckIsNeverPromoted() throws Exception {
        server.put("files/unet.ckpt", "<html><body>Please log in</body></html>".getBytes(StandardCharsets.US_ASCII));
        ModelManager unsized = TinyModel.manager(cache, server.uri("files/"), false);
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> unsized.download(TinyModel.ID, log));
        assertTrue(e.getMessage().startsWith("unet.ckpt from " + server.uri("files/unet.ckpt") + " is not a valid UNet"
                + " checkpoint"), e.getMessage());
        assertFalse(Files.exists(file(TinyModel.CKPT)));
        assertEquals(0, regularFilesUnder(file(".partial")), "the bad download is discarded, not resumed");

        byte[] real = TinyModel.bytes(TinyModel.CKPT);
        server.put("files/unet.ckpt", Arrays.copyOf(real, real.length / 2)); // a truncated upload
        e = assertThrows(ModelStoreException.class, () -> unsized.download(TinyModel.ID, log));
        assertTrue(e.getMessage().contains("is not a valid UNet checkpoint"), e.getMessage());
        assertFalse(Files.exists(file(TinyModel.CKPT)));

        server.put("files/unet.ckpt", real);
        unsized.download(TinyModel.ID, log);
        assertTrue(unsized.verify(TinyModel.ID, log).ok());
    }

    @Test
    void aMirrorServesEveryFileUnderItsPath() throws Exception {
        TinyModel.serve(server, "mirror/depthfm/");
        ModelManager mirrored = new ModelManager(TinyModel.settings(cache).withMirror(server.uri("mirror/depthfm")),
                TinyModel.registry("https://registry.invalid/", true));
        mirrored.download(TinyModel.ID, log);
        assertEquals(List.of("mirror/depthfm/unet.ckpt", "mirror/depthfm/vae/config.json",
                "mirror/depthfm/vae/diffusion_pytorch_model.safetensors"),
                server.requests().stream().map(FakeFileServer.Request::path).toList());
    }

    @Test
    void verifyFindsCorruptionAndEnsureFetchesAChangedFileAgain() throws Exception {
        manager.download(TinyModel.ID, log);
        Path weights = file(TinyModel.WEIGHTS);
        FileTime time = Files.getLastModifiedTime(weights);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 5] ^= 0x55; // bit rot: same size, same time
        Files.write(weights, bytes);
        Files.setLastModifiedTime(weights, time);

        VerifyReport report = manager.verify(TinyModel.ID, log);
        assertFalse(report.ok());
        VerifyReport.FileReport bad = report.files().get(2);
        assertEquals(VerifyReport.Status.CORRUPT, bad.status());
        assertTrue(bad.detail().contains("has SHA-256 "), bad.detail());

        Files.setLastModifiedTime(weights, FileTime.fromMillis(time.toMillis() + 5000)); // the cheap check notices this
        manager.ensure(TinyModel.ID, log);
        assertArrayEquals(TinyModel.bytes(TinyModel.WEIGHTS), Files.readAllBytes(weights));
        assertTrue(manager.verify(TinyModel.ID, log).ok());
    }

    @Test
    void importsFilesFetchedByHandThenWorksOffline() throws Exception {
        ModelManager offline = new ModelManager(TinyModel.settings(cache).withOffline(true),
                TinyModel.registry(server.uri("files/").toString(), true));
        Path tiny = Fixtures.tiny();
        ImportResult first = offline.importFile(tiny.resolve("unet.ckpt"), TinyModel.ID, false, log);
        assertEquals(List.of("unet.ckpt"), first.imported());
        assertEquals(List.of(TinyModel.CONFIG, TinyModel.WEIGHTS), first.missing());
        assertEquals(ModelStatus.State.INCOMPLETE, state(offline, TinyModel.ID));

        ImportResult second = offline.importFile(tiny.resolve("vae"), TinyModel.ID, false, log);
        assertEquals(List.of(TinyModel.CONFIG, TinyModel.WEIGHTS), second.imported());
        assertEquals(List.of(), second.missing());
        assertEquals(file(TinyModel.WEIGHTS), offline.ensure(TinyModel.ID, log).vaeWeights());
        assertTrue(offline.verify(TinyModel.ID, log).ok());
        assertTrue(Files.isRegularFile(tiny.resolve("unet.ckpt")), "a copy leaves the source");
        assertEquals(List.of(), server.requests());
    }

    @Test
    void importRejectsABadFileAndLeavesItWhereItWas() throws Exception {
        Path bad = tmp.resolve("depthfm-v1 (1).ckpt");
        byte[] truncated = Arrays.copyOf(TinyModel.bytes(TinyModel.CKPT), 100_000);
        Files.write(bad, truncated);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> manager.importFile(bad, TinyModel.ID, true, log));
        assertTrue(e.getMessage().contains("has 100000 bytes but unet.ckpt must have"), e.getMessage());
        assertArrayEquals(truncated, Files.readAllBytes(bad));
        assertEquals(0, regularFilesUnder(cache.resolve(TinyModel.ID)));
    }

    @Test
    void importMovesOnRequest() throws Exception {
        Path downloaded = tmp.resolve("downloads/unet.ckpt");
        Files.createDirectories(downloaded.getParent());
        Files.copy(Fixtures.tiny().resolve("unet.ckpt"), downloaded);
        manager.importFile(downloaded, TinyModel.ID, true, log);
        assertFalse(Files.exists(downloaded));
        assertArrayEquals(TinyModel.bytes(TinyModel.CKPT), Files.readAllBytes(file(TinyModel.CKPT)));
    }

    @Test
    void importsAWholeFolderUnderANameOfItsOwn() throws Exception {
        ImportResult r = manager.importFile(Fixtures.tiny(), "my-model", false, log);
        assertEquals(List.of("my-model.ckpt", TinyModel.CONFIG, TinyModel.WEIGHTS), r.imported());
        ModelStatus status = manager.list().stream().filter(s -> s.id().equals("my-model")).findFirst().orElseThrow();
        assertFalse(status.registered());
        assertEquals(ModelStatus.State.READY, status.state());
        assertEquals(cache.resolve("my-model/my-model.ckpt"), manager.ensure("my-model", log).unet());
        assertTrue(manager.verify("my-model", log).ok());
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> manager.download("my-model", log));
        assertTrue(e.getMessage().startsWith("unknown model 'my-model'; known models: tiny"), e.getMessage());
    }

    @Test
    void listShowsEachStateAndRemoveFreesTheSpace() throws Exception {
        assertEquals(ModelStatus.State.ABSENT, state(manager, TinyModel.ID));
        server.file("files/vae/diffusion_pytorch_model.safetensors").statuses.add(404);
        assertThrows(ModelStoreException.class, () -> manager.download(TinyModel.ID, log));
        assertEquals(ModelStatus.State.INCOMPLETE, state(manager, TinyModel.ID));
        manager.download(TinyModel.ID, log);
        assertEquals(ModelStatus.State.READY, state(manager, TinyModel.ID));
        Path config = file(TinyModel.CONFIG);
        Files.setLastModifiedTime(config, FileTime.fromMillis(Files.getLastModifiedTime(config).toMillis() + 5000));
        assertEquals(ModelStatus.State.UNCHECKED, state(manager, TinyModel.ID));

        long freed = manager.remove(TinyModel.ID, log);
        assertTrue(freed > TinyModel.totalSize(), "freed " + freed);
        assertFalse(Files.exists(cache.resolve(TinyModel.ID)));
        assertEquals(ModelStatus.State.ABSENT, state(manager, TinyModel.ID));
        assertEquals(0, manager.remove(TinyModel.ID, log));
    }

    @Test
    void cancelLeavesNothingPromotedAndTheDownloadResumes() throws Exception {
        server.file("files/unet.ckpt").bytesPerSecond = 4_000_000;
        Progress cancelling = new Progress() {
            @Override
            public void checkCancelled() {
                if (server.bodyBytes() > 500_000) {
                    throw new CancellationException("cancelled by the user");
                }
            }
        };
        assertThrows(CancellationException.class, () -> manager.download(TinyModel.ID, cancelling));
        assertFalse(Files.exists(file(TinyModel.CKPT)));
        long kept = Files.size(file(".partial/unet.ckpt"));
        assertTrue(kept > 0, "a partial file to resume");
        manager.importFile(Fixtures.tiny().resolve("vae"), TinyModel.ID, false, log);
        assertEquals(kept, Files.size(file(".partial/unet.ckpt")), "an import keeps other partial downloads");
        server.file("files/unet.ckpt").bytesPerSecond = 0;
        manager.download(TinyModel.ID, log);
        assertEquals("bytes=" + kept + "-", server.requests("files/unet.ckpt").get(1).header("Range"));
        assertTrue(manager.verify(TinyModel.ID, log).ok());
    }

    @Test
    void aFullDiskGivesAClearMessageAndPromotesNothing() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "needs Linux's /dev/full");
        Path staged = file(".partial/unet.ckpt");
        Files.createDirectories(staged.getParent());
        Files.createSymbolicLink(staged, devFull);
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> manager.download(TinyModel.ID, log));
        assertTrue(e.getMessage().startsWith("cannot write " + staged + ": No space left on device; free some disk"
                + " space"), e.getMessage());
        assertFalse(Files.exists(file(TinyModel.CKPT)));
        Files.delete(staged); // the link, before JUnit's clean-up warns about it
    }

    @Test
    void unknownModelsAreNamedWithTheKnownOnes() {
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> manager.ensure("nope", log));
        assertTrue(e.getMessage().startsWith("unknown model 'nope'; known models: tiny"), e.getMessage());
        assertThrows(ModelStoreException.class, () -> manager.path("../etc"));
    }
}
