package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.depthfm.base.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class HttpDownloaderTest {
    private static final String PATH = "files/unet.ckpt";

    @TempDir
    Path tmp;
    private FakeFileServer server;
    private byte[] payload;
    private FakeFileServer.Served served;
    private Path partial;
    private final MessageLog log = new MessageLog();

    @BeforeEach
    void start() throws Exception {
        server = new FakeFileServer();
        payload = TinyModel.bytes(TinyModel.CKPT);
        served = server.put(PATH, payload);
        partial = tmp.resolve("staging/unet.ckpt");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void download(HttpSettings settings, URI url) {
        new HttpDownloader(settings).download(url, partial, OptionalLong.empty(), "unet.ckpt", log);
    }

    private void download() {
        download(TinyModel.quickHttp(), server.uri(PATH));
    }

    @Test
    void resumesAcrossManyDroppedConnectionsWithTheExactBytes() throws Exception {
        Random random = new Random(42);
        LongStream.generate(() -> 1 + random.nextInt(payload.length - 1)).distinct().limit(24).sorted()
                .forEach(served.cuts::add);
        download();
        assertArrayEquals(payload, Files.readAllBytes(partial));
        List<FakeFileServer.Request> requests = server.requests(PATH);
        assertEquals(25, requests.size());
        assertNull(requests.get(0).header("Range"));
        for (FakeFileServer.Request r : requests.subList(1, requests.size())) {
            assertTrue(r.header("Range").startsWith("bytes="), r.headers().toString());
            assertEquals(served.etag, r.header("If-Range"));
            assertTrue(r.header("User-Agent").startsWith("DepthFM-Fiji/"), r.header("User-Agent"));
        }
    }

    @Test
    void restartsCleanlyWhenTheServerIgnoresRange() throws Exception {
        served.ignoreRange = true;
        served.cuts.addAll(List.of(100_000L, 1_000_000L, 3_000_000L));
        download();
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertEquals(4, server.requests(PATH).size());
        assertTrue(log.lines().stream().anyMatch(m -> m.contains("sent the whole file again")), log.lines().toString());
    }

    @Test
    void restartsWhenTheFileChangedUpstream() throws Exception {
        byte[] updated = payload.clone();
        updated[10] ^= 1;
        updated[payload.length - 1] ^= 1;
        served.cuts.add(2_000_000L);
        Progress updatingUpstream = new Progress() {
            @Override
            public void message(String line) {
                log.message(line);
                served.replace(updated, "\"v2\""); // between the attempts
            }
        };
        new HttpDownloader(TinyModel.quickHttp()).download(server.uri(PATH), partial, OptionalLong.empty(), "unet.ckpt",
                updatingUpstream);
        assertArrayEquals(updated, Files.readAllBytes(partial));
        assertTrue(server.requests(PATH).get(1).header("If-Range") != null);
    }

    @Test
    void notFoundFailsAtOnceNamingTheUrlAndTheFix() {
        URI missing = server.uri("files/moved.ckpt");
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> download(TinyModel.quickHttp(), missing));
        assertEquals("download of " + missing + " failed: HTTP 404 Not Found; the file moved? use --mirror URL or import"
                + " it with 'depthfm models import FILE'", e.getMessage());
        assertEquals(1, server.requests().size());
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        for (int i = 0; i < 10; i++) {
            served.statuses.add(500);
        }
        ModelStoreException e = assertThrows(ModelStoreException.class, this::download);
        assertTrue(e.getMessage().startsWith("download of " + server.uri(PATH) + " failed 4 times in a row: HTTP 500"
                + " Internal Server Error;"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(4, server.requests(PATH).size());
    }

    @Test
    void passingServerErrorsAreRiddenOut() throws Exception {
        served.statuses.addAll(List.of(503, 502, 500));
        download();
        assertArrayEquals(payload, Files.readAllBytes(partial));
    }

    @Test
    void aTruncatedResponseIsResumedFromItsLastByte() throws Exception {
        served.cuts.add(1_234_567L); // the body ends early: Content-Length promised more
        download();
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertEquals("bytes=1234567-", server.requests(PATH).get(1).header("Range"));
        assertTrue(log.first().startsWith("unet.ckpt: connection lost"), log.lines().toString());
    }

    @Test
    void aServerThatAnnouncesMoreThanItSendsIsNotTrusted() throws Exception {
        served.lieBytes = 1000;
        download();
        assertArrayEquals(payload, Files.readAllBytes(partial));
        // the short body is kept, but resuming past the real end fails (416), so it starts afresh
        assertTrue(log.first().contains("connection lost"), log.lines().toString());
        assertTrue(log.lines().get(1).contains("HTTP 416"), log.lines().toString());
    }

    @Test
    void aStalledServerTimesOutAndTheDownloadResumes() throws Exception {
        served.stallAt = 1_000_000;
        served.stallMillis = 10_000;
        HttpSettings settings = TinyModel.quickHttp().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        download(settings, server.uri(PATH));
        assertTrue(System.nanoTime() - t0 < 5e9, "took " + (System.nanoTime() - t0) / 1e9 + " s");
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertEquals("bytes=1000000-", server.requests(PATH).get(1).header("Range"));
        assertTrue(log.first().contains("no data for 300 ms"), log.lines().toString());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        served.headerStallMillis = 10_000;
        download(TinyModel.quickHttp().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), server.uri(PATH));
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertTrue(log.first().contains("no response from 127.0.0.1 in time"), log.lines().toString());
    }

    @Test
    void cancelKeepsThePartialFileAndTheNextDownloadResumesIt() throws Exception {
        served.bytesPerSecond = 4_000_000;
        Progress cancelling = new Progress() {
            @Override
            public void update(double fraction, String what) {
                try {
                    if (Files.size(partial) > 1_000_000) {
                        throw new CancellationException("user cancelled");
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        HttpDownloader downloader = new HttpDownloader(TinyModel.quickHttp());
        CancellationException e = assertThrows(CancellationException.class,
                () -> downloader.download(server.uri(PATH), partial, OptionalLong.empty(), "unet.ckpt", cancelling));
        assertTrue(e.getMessage().contains("the next download resumes them"), e.getMessage());
        long kept = Files.size(partial);
        assertTrue(kept > 1_000_000 && kept < payload.length, "kept " + kept);
        served.bytesPerSecond = 0;
        download();
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertEquals("bytes=" + kept + "-", server.requests(PATH).get(1).header("Range"));
    }

    @Test
    void interruptingTheThreadCancelsEvenWhileTheServerStalls() throws Exception {
        served.stallAt = 100_000;
        served.stallMillis = 20_000;
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        HttpSettings patient = TinyModel.quickHttp().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20));
        Thread t = new Thread(() -> {
            try {
                download(patient, server.uri(PATH));
            } catch (Throwable x) {
                outcome.set(x);
            }
        });
        t.start();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            while (!Files.exists(partial) || Files.size(partial) < 100_000) {
                Thread.sleep(10); // until the client has written what the server sent before stalling
            }
        });
        t.interrupt();
        t.join(2000);
        assertFalse(t.isAlive(), "the download ignored the interrupt");
        assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
        assertEquals(100_000, Files.size(partial));
    }

    @Test
    void aSizeOtherThanTheRegistrysFailsAtOnce() {
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> new HttpDownloader(TinyModel.quickHttp())
                .download(server.uri(PATH), partial, OptionalLong.of(payload.length + 1L), "unet.ckpt", log));
        assertTrue(e.getMessage().contains("is " + payload.length + " bytes but the registry expects "
                + (payload.length + 1)), e.getMessage());
        assertFalse(Files.exists(partial));
    }

    @Test
    void followsRedirects() throws Exception {
        download(TinyModel.quickHttp(), server.uri("redirect/" + PATH));
        assertArrayEquals(payload, Files.readAllBytes(partial));
    }

    @Test
    void goesThroughTheProxyOfTheEnvironment() throws Exception {
        HttpSettings proxied = TinyModel.quickHttp().withProxy(Proxies.fromEnvironment(
                Map.of("http_proxy", "http://" + server.address()), new Properties()));
        download(proxied, URI.create("http://models.invalid/" + PATH));
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertEquals("http://models.invalid/" + PATH, server.requests(PATH).get(0).target());
    }

    @Test
    void bypassesTheProxyForNoProxyHosts() throws Exception {
        HttpSettings bypassing = TinyModel.quickHttp().withProxy(Proxies.fromEnvironment(
                Map.of("http_proxy", "http://127.0.0.1:9", "no_proxy", "localhost,127.0.0.1"), new Properties()));
        download(bypassing, server.uri(PATH));
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertEquals("/" + PATH, server.requests(PATH).get(0).target());
    }
}
