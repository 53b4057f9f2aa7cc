package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.depthfm.base.Fixtures;
import org.depthfm.engine.runtime.Devices;
import org.depthfm.store.FakeFileServer;
import org.depthfm.store.FakeLibtorch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depthfm models} and {@code info} with libtorch from DJL's cache. The test JVM carries the
 * CPU libtorch jar (DJL then fetches nothing); asking DJL for another version
 * ({@code PYTORCH_VERSION}, a system property here) makes it look in its cache instead, which
 * {@code ENGINE_CACHE_DIR} points into the test's folder. The libraries are made up: nothing here
 * loads them (the real one is loaded in {@code LibtorchFirstUseTest}).
 */
@Timeout(60)
class LibtorchCommandsTest {
    private static final String VERSION = "2.6.0";

    @TempDir
    Path tmp;
    private FakeFileServer server;
    private final FakeLibtorch layout = new FakeLibtorch(VERSION);
    private Properties saved;

    @BeforeEach
    void start() throws Exception {
        Devices.engine(); // the real libtorch of the jar, loaded before DJL is pointed at made-up ones
        server = new FakeFileServer();
        layout.serve(server, "mirror/");
        saved = (Properties) System.getProperties().clone();
        System.setProperty("PYTORCH_VERSION", VERSION);
        System.setProperty("PYTORCH_FLAVOR", "cpu"); // whatever GPU this machine has
        System.setProperty("ENGINE_CACHE_DIR", tmp.resolve("djl").toString());
        System.setProperty("ai.djl.offline", "false"); // the tests run DJL offline, which would keep the store so
    }

    @AfterEach
    void stop() throws Exception {
        System.setProperties(saved);
        server.close();
    }

    private CliTest.Result run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--cache", tmp.resolve("models").toString()));
        return CliTest.run(all.toArray(String[]::new));
    }

    private Path folder() {
        return tmp.resolve("djl/pytorch/" + VERSION + "-cpu-linux-x86_64");
    }

    @Test
    void downloadListVerifyPathAndInfo() throws Exception {
        String mirror = server.uri("mirror").toString();
        CliTest.Result download = run("models", "download", "libtorch", "--mirror", mirror);
        assertEquals(0, download.code(), download.err());
        assertEquals(folder().toString(), download.out().trim());
        for (Map.Entry<String, byte[]> lib : layout.libraries("cpu").entrySet()) {
            assertArrayEquals(lib.getValue(), Files.readAllBytes(folder().resolve(lib.getKey())), lib.getKey());
        }
        String list = run("models", "list").out();
        assertTrue(list.lines().anyMatch(l -> l.matches("libtorch +ready +[0-9.]+ MB  libtorch 2\\.6\\.0 cpu"
                + " \\(linux-x86_64\\) in " + java.util.regex.Pattern.quote(folder().toString()))), list);
        CliTest.Result verify = run("models", "verify", "libtorch");
        assertEquals(0, verify.code(), verify.out());
        assertTrue(verify.out().contains("libtorch is complete and intact"), verify.out());
        assertEquals(folder().toString(), run("models", "path", "libtorch").out().trim());
        String info = run("info", "--offline").out();
        assertTrue(info.contains("libtorch     2.6.0 cpu (linux-x86_64) in " + folder() + ", fetched by DepthFM from "
                + mirror + "/pytorch/2.6.0/cpu/linux-x86_64/native/lib/libtorch.so.gz"), info);

        Files.write(folder().resolve("libtorch_cpu.so"), new byte[] {1});
        CliTest.Result broken = run("models", "verify", "libtorch");
        assertEquals(1, broken.code(), broken.out());
        assertTrue(broken.out().contains("corrupt  libtorch_cpu.so  has 1 bytes"), broken.out());
    }

    @Test
    void infoBeforeTheFirstUseSaysWhatWillBeFetchedAndFetchesNothing() {
        String info = run("info", "--mirror", server.uri("mirror").toString()).out();
        assertTrue(info.contains("libtorch     2.6.0 cpu (linux-x86_64): not here yet; fetched on first use (or by"
                + " 'depthfm models download') from " + server.uri("mirror") + "/pytorch/2.6.0/ into "
                + tmp.resolve("djl/pytorch")), info);
        assertTrue(info.contains("device       not known before libtorch is here"), info);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void offlineFirstUseWithoutLibtorchGivesOneClearLine() {
        Path out = tmp.resolve("depth.tif");
        CliTest.Result r = run("estimate", Fixtures.tiny().resolve("input.png").toString(), "--model-dir",
                Fixtures.tiny().toString(), "-o", out.toString(), "--offline");
        assertEquals(1, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("depthfm: ")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("depthfm: offline mode (--offline or DEPTHFM_OFFLINE=1): libtorch 2.6.0 cpu"
                + " for linux-x86_64, which DJL loads on this machine, is not in " + tmp.resolve("djl/pytorch")),
                lines.get(0));
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void importsAFolderCopiedFromAnotherMachine() throws Exception {
        Path usb = tmp.resolve("usb/" + VERSION + "-cpu-linux-x86_64");
        Files.createDirectories(usb);
        for (Map.Entry<String, byte[]> lib : layout.libraries("cpu").entrySet()) {
            Files.write(usb.resolve(lib.getKey()), lib.getValue());
        }
        CliTest.Result r = run("models", "import", usb.toString(), "--offline");
        assertEquals(0, r.code(), r.err());
        assertEquals("imported libtorch 2.6.0 cpu (linux-x86_64) into " + folder(), r.out().trim());
        assertArrayEquals(layout.library("cpu", "libtorch_cpu.so"), Files.readAllBytes(folder().resolve("libtorch_cpu.so")));
        String info = run("info", "--offline").out();
        assertTrue(info.contains("in " + folder() + ", imported from " + usb), info);
    }

    @Test
    void withTheJarDjlLoadsThereIsNothingToFetch() throws Exception {
        System.clearProperty("PYTORCH_VERSION");
        CliTest.Result r = run("models", "download", "libtorch");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("depthfm: this DepthFM loads libtorch from the libtorch jar on the class path"
                + " (pytorch-native-cpu 2.7.1-20250812 for linux-x86_64)"), r.err());
        Callable<String> list = () -> run("models", "list").out();
        assertTrue(list.call().lines().anyMatch(l -> l.startsWith("libtorch       elsewhere")), list.call());
    }
}
