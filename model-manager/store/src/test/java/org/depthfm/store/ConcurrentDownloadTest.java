package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloaders of one model sharing a cache, in threads and in separate JVMs, end with one good copy. */
@Timeout(60)
class ConcurrentDownloadTest {
    @TempDir
    Path tmp;
    private Path cache;
    private FakeFileServer server;
    private final MessageLog log = new MessageLog();

    @BeforeEach
    void start() throws Exception {
        server = new FakeFileServer();
        TinyModel.serve(server, "files/");
        // slow enough that the downloaders overlap
        TinyModel.FILES.forEach(f -> server.file("files/" + f).bytesPerSecond = 8_000_000);
        cache = tmp.resolve("cache");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private ModelManager newManager() {
        return TinyModel.manager(cache, server.uri("files/"), true);
    }

    @Test
    void threadsWithSeparateManagersFetchEachFileOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ModelFolder> a = pool.submit(() -> newManager().download(TinyModel.ID, log));
            Future<ModelFolder> b = pool.submit(() -> newManager().download(TinyModel.ID, log));
            assertEquals(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(TinyModel.totalSize(), server.bodyBytes());
        assertEquals(3, server.requests().size());
        assertTrue(log.any("waiting for another DepthFM"), log.lines().toString());
        assertTrue(newManager().verify(TinyModel.ID, log).ok());
    }

    @Test
    void aSecondJvmAndThisOneFetchEachFileOnce() throws Exception {
        Path registry = tmp.resolve("registry.json");
        Files.writeString(registry, TinyModel.registryJson(server.uri("files/").toString(), true), StandardCharsets.UTF_8);
        Path output = tmp.resolve("second-jvm.log");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SecondDownloader.class.getName(), cache.toString(),
                registry.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (server.requests().isEmpty() && other.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10); // until the other JVM holds the lock and downloads
            }
            newManager().download(TinyModel.ID, log);
            assertTrue(other.waitFor(30, TimeUnit.SECONDS), "the other JVM did not finish");
            assertEquals(0, other.exitValue(), Files.readString(output));
        } finally {
            other.destroyForcibly();
        }
        assertTrue(Files.readString(output).contains("downloading tiny"), Files.readString(output));
        assertTrue(log.any("waiting for another DepthFM"), log.lines().toString());
        assertEquals(TinyModel.totalSize(), server.bodyBytes());
        assertTrue(newManager().verify(TinyModel.ID, log).ok());
    }
}
