package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny model downloaded from real servers through a real proxy, all on loopback: Debian's
 * nginx as a lab mirror (ranges, ETags, sendfile; and a location that ignores ranges), python3's
 * http.server (HTTP/1.0, no ranges, no ETag), squid in front of them (open, and asking for a
 * login), and a relay that cuts long transfers. Skipped where a program is not installed (it fails
 * under CI, where {@code .ci/run} installs them).
 */
@Timeout(120)
class RealServersTest {
    private static final String USER = "lab";
    /** With an '@', which the proxy URL must carry percent-encoded. */
    private static final String PASSWORD = "s3cr@t";

    @TempDir
    Path tmp;
    private Path mirror;
    private final MessageLog log = new MessageLog();

    @BeforeEach
    void writeMirror() throws Exception {
        mirror = tmp.resolve("mirror");
        for (String f : TinyModel.FILES) {
            Path p = mirror.resolve("files").resolve(f);
            Files.createDirectories(p.getParent());
            Files.write(p, TinyModel.bytes(f));
        }
    }

    /** A manager of the tiny model under {@code base}, through the proxy of {@code env}. */
    private ModelManager manager(URI base, Map<String, String> env, Properties properties) {
        HttpSettings http = TinyModel.quickHttp().withProxy(Proxies.fromEnvironment(env, properties),
                ProxyLogin.fromEnvironment(env, properties));
        return new ModelManager(new StoreSettings(tmp.resolve("cache"), Optional.empty(), false, http,
                Duration.ofSeconds(30)), TinyModel.registry(base + "files/", true));
    }

    private void assertDownloadedAndVerified(ModelManager manager) throws Exception {
        manager.download(TinyModel.ID, log);
        for (String f : TinyModel.FILES) {
            assertArrayEquals(TinyModel.bytes(f), Files.readAllBytes(tmp.resolve("cache").resolve(TinyModel.ID)
                    .resolve(f)), f);
        }
        VerifyReport report = manager.verify(TinyModel.ID, log);
        assertTrue(report.ok(), report.files().toString());
    }

    private static Map<String, String> proxy(String address) {
        return Map.of("http_proxy", "http://" + address);
    }

    @Test
    void nginxBehindSquid() throws Exception {
        try (Nginx nginx = Nginx.serve(mirror); Squid squid = Squid.start(null, null)) {
            assertDownloadedAndVerified(manager(nginx.base(), proxy(squid.address()), new Properties()));
            List<String> served = nginx.accessLog();
            assertEquals(3, served.size(), served.toString());
            assertTrue(served.stream().allMatch(l -> l.startsWith("200 ") && l.contains("(squid/")), served.toString());
            assertEquals(3, squid.accessLog().size(), squid.accessLog().toString());
        }
    }

    @Test
    void nginxBehindSquidBehindARelayThatCutsLongTransfersResumesWithRanges() throws Exception {
        try (Nginx nginx = Nginx.serve(mirror); Squid squid = Squid.start(null, null);
                CuttingRelay relay = new CuttingRelay(squid.port())) {
            LongStream.range(0, 12).forEach(i -> relay.budgets.add(700_000L));
            assertDownloadedAndVerified(manager(nginx.base(), proxy(relay.address()), new Properties()));
            assertTrue(relay.cuts() >= 8, "cuts: " + relay.cuts());
            // every resume asks for exactly the rest, and gets it as a range
            List<String> ckpt = nginx.accessLog().stream().filter(l -> l.contains("/" + TinyModel.CKPT + " ")).toList();
            assertTrue(ckpt.size() > 2, ckpt.toString());
            assertTrue(ckpt.get(0).startsWith("200 ") && ckpt.get(0).contains("range=\"-\""), ckpt.toString());
            long previous = 0;
            for (String l : ckpt.subList(1, ckpt.size())) {
                assertTrue(l.startsWith("206 "), ckpt.toString());
                long from = Long.parseLong(l.replaceAll("^.*range=\"bytes=(\\d+)-\".*$", "$1"));
                assertTrue(from > previous, ckpt.toString());
                previous = from;
            }
        }
    }

    @Test
    void nginxIgnoringRangeBehindSquidAndACuttingRelay() throws Exception {
        try (Nginx nginx = Nginx.serve(mirror); Squid squid = Squid.start(null, null);
                CuttingRelay relay = new CuttingRelay(squid.port())) {
            // each connection gets further than the one before, so each attempt brings new bytes
            List.of(1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L).forEach(relay.budgets::add);
            assertDownloadedAndVerified(manager(nginx.noRangeBase(), proxy(relay.address()), new Properties()));
            assertEquals(4, relay.cuts());
            assertTrue(nginx.accessLog().stream().allMatch(l -> l.startsWith("200 ")), nginx.accessLog().toString());
            assertEquals(4, log.lines().stream().filter(l -> l.contains("already here are skipped in the stream"))
                    .count(), log.lines().toString());
            assertFalse(log.lines().stream().anyMatch(l -> l.contains("restarting")), log.lines().toString());
        }
    }

    @Test
    void pythonHttpServerDirectAndBehindSquid() throws Exception {
        try (PythonHttpServer python = PythonHttpServer.serve(mirror)) {
            assertDownloadedAndVerified(manager(python.base(), Map.of(), new Properties()));
        }
        deleteCache();
        try (PythonHttpServer python = PythonHttpServer.serve(mirror); Squid squid = Squid.start(null, null)) {
            assertDownloadedAndVerified(manager(python.base(), proxy(squid.address()), new Properties()));
            assertEquals(3, squid.accessLog().size(), squid.accessLog().toString());
        }
    }

    @Test
    void pythonHttpServerBehindACuttingRelaySkipsWhatItHas() throws Exception {
        try (PythonHttpServer python = PythonHttpServer.serve(mirror); CuttingRelay relay = new CuttingRelay(python.port())) {
            List.of(1_000_000L, 2_500_000L, 4_000_000L).forEach(relay.budgets::add);
            assertDownloadedAndVerified(manager(URI.create("http://" + relay.address() + "/"), Map.of(), new Properties()));
            assertEquals(3, relay.cuts());
            assertEquals(3, log.lines().stream().filter(l -> l.contains("already here are skipped in the stream"))
                    .count(), log.lines().toString());
        }
    }

    @Test
    void aProxyThatCutsEveryTransferInFrontOfAServerWithoutRangesStopsWithTheLimits() throws Exception {
        try (PythonHttpServer python = PythonHttpServer.serve(mirror); CuttingRelay relay = new CuttingRelay(python.port())) {
            LongStream.range(0, 100).forEach(i -> relay.budgets.add(1_000_000L));
            ModelManager manager = manager(URI.create("http://" + relay.address() + "/"), Map.of(), new Properties());
            ModelStoreException e = assertThrows(ModelStoreException.class, () -> manager.download(TinyModel.ID, log));
            assertTrue(e.getMessage().contains(" stopped: 4 attempts in a row brought no new data (the limit is 4);"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("the limits of 4 attempts without progress and 15 min without a new byte"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("fetched are kept: run it again to resume"), e.getMessage());
        }
    }

    @Test
    void squidAskingForALogin() throws Exception {
        try (Nginx nginx = Nginx.serve(mirror); Squid squid = Squid.start(USER, PASSWORD)) {
            Map<String, String> login = Map.of("http_proxy", "http://" + USER + ":s3cr%40t@" + squid.address());
            assertDownloadedAndVerified(manager(nginx.base(), login, new Properties()));
            assertTrue(squid.accessLog().stream().anyMatch(l -> l.contains(" " + USER + " ")), squid.accessLog().toString());

            deleteCache();
            ModelManager wrong = manager(nginx.base(), Map.of("http_proxy", "http://" + USER + ":wrong@" + squid.address()),
                    new Properties());
            ModelStoreException e = assertThrows(ModelStoreException.class, () -> wrong.download(TinyModel.ID, log));
            assertEquals("download of " + nginx.base() + "files/" + TinyModel.CKPT + " failed: the proxy " + squid.address()
                    + " refused the user name and password of the user:password@ in http_proxy (HTTP 407 Proxy"
                    + " Authentication Required); correct them (a password with @ : / or % is written percent-encoded,"
                    + " e.g. %40 for @)", e.getMessage());

            ModelManager none = manager(nginx.base(), proxy(squid.address()), new Properties());
            e = assertThrows(ModelStoreException.class, () -> none.download(TinyModel.ID, log));
            assertTrue(e.getMessage().contains("failed: the proxy " + squid.address() + " asks for a user name and"
                    + " password (HTTP 407 Proxy Authentication Required); give them in the proxy's URL"), e.getMessage());
        }
    }

    @Test
    void theJvmsProxySettingsWithALoginAsFijiSetsThem() throws Exception {
        try (Nginx nginx = Nginx.serve(mirror); Squid squid = Squid.start(USER, PASSWORD)) {
            // what Edit > Options > Proxy Settings sets, plus the login Fiji users add to the JVM options
            Map<String, String> jvm = Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", "" + squid.port(),
                    "http.proxyUser", USER, "http.proxyPassword", PASSWORD,
                    "http.nonProxyHosts", ""); // empty, as otherwise the JDK adds its default, which bypasses loopback
            Properties saved = (Properties) System.getProperties().clone();
            try {
                jvm.forEach(System::setProperty);
                assertDownloadedAndVerified(manager(nginx.base(), Map.of(), System.getProperties()));
            } finally {
                System.setProperties(saved);
            }
            assertTrue(squid.accessLog().stream().anyMatch(l -> l.contains(" " + USER + " ")), squid.accessLog().toString());
        }
    }

    private void deleteCache() throws Exception {
        try (var walk = Files.walk(tmp.resolve("cache"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void libtorchFromAMirrorFolderOnNginxBehindSquid() throws Exception {
        FakeLibtorch layout = new FakeLibtorch();
        layout.write(mirror);
        try (Nginx nginx = Nginx.serve(mirror); Squid squid = Squid.start(null, null)) {
            Map<String, String> env = proxy(squid.address());
            StoreSettings settings = new StoreSettings(tmp.resolve("cache"), Optional.of(URI.create(nginx.base()
                    .toString())), false, TinyModel.quickHttp().withProxy(Proxies.fromEnvironment(env, new Properties())),
                    Duration.ofSeconds(30));
            LibtorchRequest cpu = new LibtorchRequest(FakeLibtorch.VERSION, "0.36.0", "cpu", false,
                    FakeLibtorch.PLATFORM, tmp.resolve("djl/pytorch"), f -> true, false);
            LibtorchInstall got = new LibtorchStore(settings).ensure(cpu, log);
            for (Map.Entry<String, byte[]> lib : layout.libraries("cpu").entrySet()) {
                assertArrayEquals(lib.getValue(), Files.readAllBytes(got.dir().resolve(lib.getKey())), lib.getKey());
            }
            assertEquals(1 + layout.libraries("cpu").size(), squid.accessLog().size(), squid.accessLog().toString());
        }
    }
}
