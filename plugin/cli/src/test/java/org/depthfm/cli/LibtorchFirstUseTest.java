package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.depthfm.base.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first use as in Fiji, where no libtorch jar is on the class path: the command line in a
 * JVM of its own without that jar, DJL in offline mode (so that it cannot download anything
 * itself), and a loopback mirror holding DJL's release layout of the real CPU libtorch (unpacked
 * from the jar the tests carry and gzipped as DJL publishes it). {@code models download} fetches
 * it through the store into DJL's folder, {@code info} shows DJL loading exactly that folder, and
 * an estimate runs on it.
 */
@Timeout(300)
class LibtorchFirstUseTest {
    @TempDir
    Path tmp;
    private HttpServer mirror;
    private Path mirrorRoot;
    private Properties libtorch;

    @BeforeEach
    void startMirror() throws Exception {
        mirrorRoot = Paths.get("target/libtorch-mirror").toAbsolutePath();
        libtorch = writeMirror(mirrorRoot);
        mirror = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        mirror.createContext("/", exchange -> {
            Path file = mirrorRoot.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(mirrorRoot) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("Last-Modified", "Tue, 12 Aug 2025 17:14:00 GMT");
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
            exchange.close();
        });
        mirror.start();
    }

    @AfterEach
    void stopMirror() {
        mirror.stop(0);
    }

    /**
     * Writes {@code root/pytorch/VERSION/files.txt} and the gzipped libraries of the CPU libtorch
     * jar on the class path, once per jar (kept in target/ for later runs).
     *
     * @return the jar's pytorch.properties (version, flavor, classifier, libraries)
     */
    private static Properties writeMirror(Path root) throws Exception {
        String url = ClassLoader.getSystemResource("native/lib/pytorch.properties").toString();
        Path jar = Paths.get(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
        Properties p = new Properties();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry("native/lib/pytorch.properties"))) {
                p.load(in);
            }
            String release = p.getProperty("version").replaceAll("-\\d+$", "");
            String prefix = p.getProperty("flavor") + "/" + p.getProperty("classifier") + "/native/lib/";
            Path dir = root.resolve("pytorch").resolve(release);
            Path index = dir.resolve("files.txt");
            if (Files.isRegularFile(index) && Files.getLastModifiedTime(index).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return p;
            }
            List<String> lines = new ArrayList<>();
            for (String lib : p.getProperty("libraries").split(",")) {
                ZipEntry e = zip.getEntry("pytorch/" + p.getProperty("flavor") + "/" + p.getProperty("classifier") + "/" + lib);
                Path gz = dir.resolve(prefix + lib + ".gz");
                Files.createDirectories(gz.getParent());
                try (InputStream in = zip.getInputStream(e); OutputStream out = new FastGzip(Files.newOutputStream(gz))) {
                    in.transferTo(out);
                }
                lines.add(prefix + lib + ".gz");
            }
            Files.writeString(index, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        }
        return p;
    }

    /** gzip at the fastest level: the test's mirror is written once and read from loopback. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 20);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /**
     * Runs the command line in a JVM without the libtorch jar, its cache in the test's folder, with
     * DJL offline (it can then download nothing) unless DepthFM is to fetch libtorch (DJL's offline
     * mode keeps DepthFM from fetching for it).
     */
    private String[] depthfm(Path djlCache, boolean djlOffline, String... args) throws Exception {
        String classPath = List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
                .filter(e -> !e.contains("pytorch-native-cpu")).collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=" + djlOffline, "-Dai.djl.pytorch.num_threads=2", "-DENGINE_CACHE_DIR=" + djlCache,
                "-Ddepthfm.home=" + tmp.resolve("home"), "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath,
                DepthFmCli.class.getName()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTORCH_") || k.startsWith("DEPTHFM_")
                || k.equalsIgnoreCase("http_proxy") || k.equalsIgnoreCase("https_proxy"));
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("depthfm " + String.join(" ", args) + " did not finish: " + Files.readString(err));
        }
        return new String[] {"" + p.exitValue(), Files.readString(out), Files.readString(err)};
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void djlLoadsTheLibtorchTheStoreFetchedAndNeverDownloadsItself() throws Exception {
        Path djl = tmp.resolve("djl");
        String base = "http://127.0.0.1:" + mirror.getAddress().getPort();
        String release = libtorch.getProperty("version").replaceAll("-\\d+$", "");
        Path folder = djl.resolve("pytorch").resolve(release + "-cpu-" + libtorch.getProperty("classifier"));

        String[] before = depthfm(djl, true, "info", "--offline");
        assertEquals("0", before[0], before[2]);
        assertTrue(before[1].contains("libtorch     " + release + " cpu (" + libtorch.getProperty("classifier")
                + "): not here yet"), before[1]);

        // as in Fiji, where DJL runs offline: the first use without libtorch ends with one line saying how to get it
        Path depth = tmp.resolve("depth.tif");
        String[] estimate = {Fixtures.tiny().resolve("input.png").toString(), "--model-dir", Fixtures.tiny().toString(),
            "-o", depth.toString(), "--steps", "1", "--ensemble", "1"};
        String[] without = depthfm(djl, true, concat(new String[] {"estimate"}, estimate));
        assertEquals("1", without[0], without[2]);
        List<String> said = without[2].lines().filter(l -> l.startsWith("depthfm: ")).toList();
        assertEquals(1, said.size(), without[2]);
        assertTrue(said.get(0).startsWith("depthfm: DJL's offline mode (-Dai.djl.offline=true or DJL_OFFLINE=true):"
                + " libtorch " + release + " cpu for "), without[2]);
        assertTrue(!without[2].contains("Exception") && !Files.exists(depth), without[2]);

        String[] download = depthfm(djl, false, "models", "download", "libtorch", "--mirror", base);
        assertEquals("0", download[0], download[2]);
        assertEquals(folder.toString(), download[1].trim());
        assertTrue(download[2].contains("fetching libtorch " + release + " cpu for " + libtorch.getProperty("classifier")),
                download[2]);
        // the libraries DJL would have unpacked from the jar, byte for byte
        Path extracted = Files.createDirectories(tmp.resolve("from-jar"));
        String url = ClassLoader.getSystemResource("native/lib/pytorch.properties").toString();
        try (ZipFile zip = new ZipFile(Paths.get(new URI(url.substring("jar:".length(), url.indexOf("!/")))).toFile())) {
            for (String lib : libtorch.getProperty("libraries").split(",")) {
                Path f = extracted.resolve(lib);
                try (InputStream in = zip.getInputStream(zip.getEntry("pytorch/cpu/" + libtorch.getProperty("classifier")
                        + "/" + lib))) {
                    Files.copy(in, f);
                }
                assertEquals(sha256(f), sha256(folder.resolve(lib)), lib);
                Files.delete(f);
            }
        }

        String[] info = depthfm(djl, true, "info", "--offline");
        assertEquals("0", info[0], info[2]);
        assertTrue(info[1].contains("libtorch     " + release + " cpu (" + libtorch.getProperty("classifier") + ") in "
                + folder + ", fetched by DepthFM from " + base + "/pytorch/" + release + "/cpu/"), info[1]);
        assertTrue(info[1].contains("loaded       libtorch " + release + " from " + folder), info[1]);

        String[] run = depthfm(djl, true, concat(new String[] {"estimate", "--offline"}, estimate));
        assertEquals("0", run[0], run[2]);
        assertTrue(Files.size(depth) > 0);

        String[] verify = depthfm(djl, true, "models", "verify", "libtorch", "--offline");
        assertEquals("0", verify[0], verify[1] + verify[2]);
    }
}
