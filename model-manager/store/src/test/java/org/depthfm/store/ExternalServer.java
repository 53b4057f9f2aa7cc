package org.depthfm.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server program (nginx, squid, python3's http.server) started by a test on a loopback
 * port, in a work folder of its own, and stopped (and the folder deleted) by {@link #close()}.
 * Where the program is not installed the test is skipped, or fails under CI
 * ({@link org.depthfm.base.TestPrograms}).
 */
public abstract class ExternalServer implements AutoCloseable {
    private final Process process;
    private final Path work;
    private final int port;

    protected ExternalServer(List<String> command, Path work, int port, String name) throws IOException {
        this.work = work;
        this.port = port;
        this.process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("output.txt").toFile()).start();
        awaitPort(name);
    }

    /** @return a loopback port that was free a moment ago */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** @return a new work folder that every user may write (squid drops root to user proxy) */
    protected static Path workFolder(String name) throws IOException {
        Path dir = Files.createTempDirectory("depthfm-" + name);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** @return the loopback port it listens on */
    public int port() {
        return port;
    }

    /** @return its work folder (configuration, logs) */
    public Path work() {
        return work;
    }

    /** @return what it printed so far */
    public String output() throws IOException {
        return Files.readString(work.resolve("output.txt"), StandardCharsets.UTF_8);
    }

    private void awaitPort(String name) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " stopped at once: " + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException(name + " did not listen on port " + port + " within 20 s: " + output());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
