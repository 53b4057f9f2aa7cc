package org.depthfm.fiji;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.depthfm.base.Fixtures;
import org.depthfm.base.TestPrograms;

/**
 * A Fiji.app folder as a user makes it, run by the real Fiji core of {@code ../shared/fiji}
 * (ImageJ 1, imagej-legacy and SciJava's Swing UI, built from upstream; its {@code fiji.sh}):
 * the Fiji zip unpacked into it, plus for the tests the CPU libtorch from Maven (offline, nothing is
 * downloaded) and {@link FijiDriver}. Each start gets a fresh preferences folder.
 */
final class FijiApp {
    /** What a start printed and how it ended. */
    record Launch(String log, int exit) {
    }

    private static final AtomicInteger HOMES = new AtomicInteger();

    private final Path app;
    private final Path work;

    private FijiApp(Path app, Path work) {
        this.app = app;
        this.work = work;
    }

    /**
     * @param work the test's folder
     * @param name the app folder's name
     * @param libtorch whether to add the CPU libtorch jar
     * @return the app, unpacked afresh
     * @throws IOException if the zip cannot be unpacked
     * @throws URISyntaxException never, in practice (the libtorch jar's location)
     */
    static FijiApp install(Path work, String name, boolean libtorch) throws IOException, URISyntaxException {
        assertTrue(Files.isExecutable(fijiSh()), "the Fiji core is missing: " + fijiSh());
        Path app = work.resolve(name);
        deleteTree(app);
        Files.createDirectories(app);
        unzip(zip(), app);
        if (libtorch) {
            Files.copy(jarOf("native/lib/pytorch.properties"), app.resolve("jars/pytorch-native-cpu.jar"));
        }
        jarDriver(app.resolve("jars/depthfm-it-driver.jar"));
        return new FijiApp(app, work);
    }

    /** @return the app folder */
    Path folder() {
        return app;
    }

    /**
     * Starts Fiji on the app and waits for it to end.
     *
     * @param gui on a virtual display (else {@code --headless} must be among the arguments)
     * @param args Fiji's arguments
     * @return its output
     * @throws Exception if it cannot be started or does not end in four minutes
     */
    Launch run(boolean gui, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (gui) {
            cmd.addAll(List.of(TestPrograms.require("xvfb-run", "xvfb xauth").toString(), "-a", "-s", "-screen 0 1280x1024x24"));
        }
        cmd.add(fijiSh().toString());
        cmd.add(app.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("FIJI_HOME", Files.createDirectories(work.resolve("home-" + HOMES.incrementAndGet())).toString());
        env.put("JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        env.put("JAVA_OPTS", "-Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2"
                + " -Dai.djl.pytorch.num_interop_threads=1");
        Process p = pb.start();
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "Fiji did not end in 4 minutes: " + String.join(" ", args) + "\n" + log);
        return new Launch(log, p.exitValue());
    }

    static Path fijiSh() {
        return Fixtures.shared().resolve("fiji/fiji.sh");
    }

    /** The Fiji zip that {@code package} built. */
    private static Path zip() throws IOException {
        try (Stream<Path> s = Files.list(Paths.get("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("DepthFM-.*-fiji\\.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("target/DepthFM-*-fiji.zip is missing: run package"))
                    .toAbsolutePath();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                Path to = into.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(in, to);
                }
            }
        }
    }

    /** The driver's class, as a jar in the app's jars/. */
    private static void jarDriver(Path jar) throws IOException {
        String entry = FijiDriver.class.getName().replace('.', '/') + ".class";
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
                InputStream in = FijiDriver.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private static Path jarOf(String resource) throws URISyntaxException {
        String url = ClassLoader.getSystemResource(resource).toString();
        return Paths.get(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
    }

    /**
     * @param dir a folder to delete with everything in it (nothing if it does not exist)
     * @throws IOException if a file cannot be deleted
     */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
