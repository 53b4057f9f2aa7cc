package org.depthfm.store;

import static org.depthfm.base.TestPrograms.require;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's squid as an HTTP proxy on loopback, caching nothing, optionally asking for a login
 * (Basic, checked by squid's own {@code basic_ncsa_auth} against an htpasswd file written with
 * {@code openssl passwd -apr1}). Its access log records every request with its user.
 */
public final class Squid extends ExternalServer {
    private Squid(List<String> command, Path work, int port) throws IOException {
        super(command, work, port, "squid");
    }

    /**
     * @param user the user name to ask for, or null for an open proxy
     * @param password the user's password
     * @return the running proxy; skips the test if squid (or, for a login, openssl) is not installed
     */
    public static Squid start(String user, String password) throws IOException, InterruptedException {
        Path squid = require("squid", "squid");
        Path work = workFolder("squid");
        int port = freePort();
        String w = work.toString();
        List<String> conf = new ArrayList<>(List.of(
                "http_port 127.0.0.1:" + port,
                "visible_hostname depthfm-test",
                "pid_filename " + w + "/squid.pid",
                "cache_log " + w + "/cache.log",
                "access_log stdio:" + w + "/access.log",
                "cache deny all",
                "cache_mem 8 MB",
                "coredump_dir " + w,
                "shutdown_lifetime 0 seconds"));
        if (user != null) {
            Path openssl = require("openssl", "openssl");
            Process p = new ProcessBuilder(openssl.toString(), "passwd", "-apr1", password).redirectErrorStream(true)
                    .start();
            String hash = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() != 0) {
                throw new IOException("openssl passwd failed: " + hash);
            }
            Files.writeString(work.resolve("passwd"), user + ":" + hash + "\n", StandardCharsets.US_ASCII);
            Path helper = Path.of("/usr/lib/squid/basic_ncsa_auth");
            conf.addAll(List.of(
                    "auth_param basic program " + helper + " " + w + "/passwd",
                    "auth_param basic realm depthfm-test",
                    "acl login proxy_auth REQUIRED",
                    "http_access allow localhost login"));
        } else {
            conf.add("http_access allow localhost");
        }
        conf.add("http_access deny all");
        Files.write(work.resolve("squid.conf"), conf, StandardCharsets.US_ASCII);
        // a service name of its own: squid names its shared-memory segments after it, and two
        // instances (or a killed one's leftovers) must not meet there
        return new Squid(List.of(squid.toString(), "-N", "-d", "1", "-n", "depthfm" + port, "-f", w + "/squid.conf"),
                work, port);
    }

    @Override
    public void close() throws IOException {
        super.close();
        try (var shm = Files.newDirectoryStream(Path.of("/dev/shm"), "depthfm" + port() + "-*")) {
            for (Path p : shm) {
                Files.deleteIfExists(p); // left behind only if squid was killed
            }
        } catch (IOException e) {
            // no /dev/shm here, or nothing left: nothing to clean
        }
    }

    /** @return {@code 127.0.0.1:PORT} */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** @return the access log's lines of requests so far (not the connection that checked it was up) */
    public List<String> accessLog() throws IOException {
        Path log = work().resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(" GET ")).toList() : List.of();
    }
}
