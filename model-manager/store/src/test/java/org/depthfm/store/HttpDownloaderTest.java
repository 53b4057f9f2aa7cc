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
    private static final String REMEDY = "import it with 'depthfm models import FILE'";

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
        new HttpDownloader(settings).download(url, partial, OptionalLong.empty(), "unet.ckpt", REMEDY, log);
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
    void skipsWhatItHasWhenTheServerIgnoresRangeAndTheFileIsUnchanged() throws Exception {
        served.ignoreRange = true;
        List<Long> cuts = List.of(100_000L, 1_000_000L, 3_000_000L);
        served.cuts.addAll(cuts);
        SizeWatch watch = new SizeWatch(partial);
        new HttpDownloader(TinyModel.quickHttp()).download(server.uri(PATH), partial, OptionalLong.empty(), "unet.ckpt",
                REMEDY, watch);
        assertArrayEquals(payload, Files.readAllBytes(partial));
        // every response is the whole file from byte 0, cut at the next cut or complete
        List<FakeFileServer.Sent> sent = server.sent();
        assertEquals(List.of(0L, 0L, 0L, 0L), sent.stream().map(FakeFileServer.Sent::start).toList());
        assertEquals(List.of(100_000L, 1_000_000L, 3_000_000L, (long) payload.length),
                sent.stream().map(FakeFileServer.Sent::end).toList());
        assertTrue(watch.neverShrank(), "the partial file shrank: " + watch.sizes);
        assertEquals(3, watch.lines.stream().filter(m -> m.contains("already here are skipped in the stream")).count(),
                watch.lines.toString());
    }

    @Test
    void attemptsThatBringDataResetTheCountSoManyCutsFinishWithTwoAllowedFailures() throws Exception {
        served.ignoreRange = true; // the worst case: every resume is answered with the whole file
        Random random = new Random(7);
        LongStream.generate(() -> 1 + random.nextInt(payload.length - 1)).distinct().limit(30).sorted()
                .forEach(served.cuts::add);
        download(TinyModel.quickHttp().withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5)), server.uri(PATH));
        assertArrayEquals(payload, Files.readAllBytes(partial));
        assertEquals(31, server.requests(PATH).size());
    }

    @Test
    void aWholeFileWithAnotherEtagRestartsInsteadOfSkipping() throws Exception {
        served.ignoreRange = true;
        byte[] updated = payload.clone();
        updated[0] ^= 1;
        served.cuts.add(2_000_000L);
        Progress updatingUpstream = new Progress() {
            @Override
            public void message(String line) {
                log.message(line);
                served.replace(updated, "\"v2\"");
            }
        };
        new HttpDownloader(TinyModel.quickHttp()).download(server.uri(PATH), partial, OptionalLong.empty(), "unet.ckpt",
                REMEDY, updatingUpstream);
        assertArrayEquals(updated, Files.readAllBytes(partial));
        assertTrue(log.any("unet.ckpt: the file changed on the server"), log.lines().toString());
        assertEquals(List.of(0L, 0L), server.sent().stream().map(FakeFileServer.Sent::start).toList());
    }

    @Test
    void aRangeOfAnotherVersionIsNotSplicedOnto() throws Exception {
        served.ignoreIfRange = true; // a broken cache: sends the range of whatever it holds now
        byte[] updated = payload.clone();
        updated[payload.length - 1] ^= 1;
        served.cuts.add(2_000_000L);
        Progress updatingUpstream = new Progress() {
            @Override
            public void message(String line) {
                log.message(line);
                served.replace(updated, "\"v2\"");
            }
        };
        new HttpDownloader(TinyModel.quickHttp()).download(server.uri(PATH), partial, OptionalLong.empty(), "unet.ckpt",
                REMEDY, updatingUpstream);
        assertArrayEquals(updated, Files.readAllBytes(partial));
        assertTrue(log.any("unet.ckpt: the server sent a range of another version of the file"), log.lines().toString());
    }

    @Test
    void withoutProgressItStopsAtTheStallTimeOutAndSaysSo() {
        for (int i = 0; i < 10_000; i++) {
            served.statuses.add(503);
        }
        HttpSettings patient = TinyModel.quickHttp().withRetries(1_000_000, Duration.ofMillis(5), Duration.ofMillis(5))
                .withStallTimeout(Duration.ofMillis(400));
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> download(patient, server.uri(PATH)));
        assertTrue(e.getMessage().matches("download of \\S+ stopped: no new data for \\d+ ms \\(the limit is 400 ms\\);"
                + " the last attempt: HTTP 503 Service Unavailable\\. .*"), e.getMessage());
    }

    /** A listener that notes the partial file's size at every report. */
    private static final class SizeWatch implements Progress {
        private final Path file;
        final List<Long> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        SizeWatch(Path file) {
            this.file = file;
        }

        @Override
        public void update(double fraction, String what) {
            note();
        }

        @Override
        public void message(String line) {
            lines.add(line);
            note();
        }

        private void note() {
            try {
                sizes.add(Files.isRegularFile(file) ? Files.size(file) : 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        boolean neverShrank() {
            for (int i = 1; i < sizes.size(); i++) {
                if (sizes.get(i) < sizes.get(i - 1)) {
                    return false;
                }
            }
            return true;
        }
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
                REMEDY, updatingUpstream);
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
        assertTrue(e.getMessage().startsWith("download of " + server.uri(PATH) + " stopped: 4 attempts in a row brought"
                + " no new data (the limit is 4); the last attempt: HTTP 500 Internal Server Error."), e.getMessage());
        assertTrue(e.getMessage().contains("the limits of 4 attempts without progress and 15 min without a new byte"),
                e.getMessage());
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
                () -> downloader.download(server.uri(PATH), partial, OptionalLong.empty(), "unet.ckpt", REMEDY,
                        cancelling));
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
                .download(server.uri(PATH), partial, OptionalLong.of(payload.length + 1L), "unet.ckpt", REMEDY, log));
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

    /** @return a loopback port nobody listens on (connections to it are refused) */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionFailsAfterTwoQuickTriesWithTheOfflineInstructions() throws Exception {
        URI refused = URI.create("http://127.0.0.1:" + closedPort() + "/" + PATH);
        // the defaults a user gets (1 s back-off, 8 attempts), not the tests' quick ones
        HttpSettings defaults = HttpSettings.defaults(Map.of(), new Properties()).withProxy(java.net.http.HttpClient
                .Builder.NO_PROXY);
        ModelStoreException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ModelStoreException.class, () -> download(defaults, refused)));
        assertTrue(e.getMessage().startsWith("cannot download " + refused + ": cannot connect to 127.0.0.1 ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("(2 tries). This machine seems to be offline, or the server is down or"
                + " blocked: " + REMEDY + "; or use a mirror (--mirror URL, DEPTHFM_MIRROR); behind a proxy set"
                + " https_proxy=http://HOST:PORT (Fiji: Edit > Options > Proxy Settings); set DEPTHFM_OFFLINE=1"
                + " (--offline) to never try the network"), e.getMessage());
        assertEquals(1, log.lines().size(), log.lines().toString()); // one "retrying" line between the two tries
    }

    @Test
    void anUnknownHostFailsAfterTwoTries() {
        URI unknown = URI.create("http://depthfm-test.invalid/" + PATH);
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> download(TinyModel.quickHttp(), unknown));
        assertTrue(e.getMessage().startsWith("cannot download " + unknown + ": unknown host depthfm-test.invalid"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(2 tries)"), e.getMessage());
    }

    @Test
    void aTlsFailureFailsAfterTwoTries() {
        // a plain HTTP server answers the TLS handshake with garbage
        URI tls = URI.create("https://127.0.0.1:" + server.uri("").getPort() + "/" + PATH);
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> download(TinyModel.quickHttp(), tls));
        assertTrue(e.getMessage().startsWith("cannot download " + tls + ": the secure connection to 127.0.0.1 failed ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("(2 tries)"), e.getMessage());
    }

    @Test
    void aRefusedProxyIsNamed() throws Exception {
        int port = closedPort();
        HttpSettings proxied = TinyModel.quickHttp().withProxy(Proxies.fromEnvironment(
                Map.of("http_proxy", "http://127.0.0.1:" + port), new Properties()));
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> download(proxied, server.uri(PATH)));
        assertTrue(e.getMessage().contains(": cannot connect to the proxy 127.0.0.1:" + port + " ("), e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aProxyAskingForALoginSaysHowToGiveIt() {
        served.statuses.add(407);
        HttpSettings proxied = TinyModel.quickHttp().withProxy(Proxies.fromEnvironment(
                Map.of("http_proxy", "http://" + server.address()), new Properties()));
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> download(proxied, URI.create("http://models.invalid/" + PATH)));
        assertEquals("download of http://models.invalid/" + PATH + " failed: the proxy " + server.address() + " asks for"
                + " a user name and password (HTTP 407 Proxy Authentication Required); give them in the proxy's URL,"
                + " https_proxy=http://USER:PASSWORD@" + server.address() + " (and http_proxy), or with Fiji's proxy"
                + " settings as -Dhttps.proxyUser=USER -Dhttps.proxyPassword=PASSWORD", e.getMessage());
    }
}
