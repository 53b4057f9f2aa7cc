package org.depthfm.store;

import static org.depthfm.base.TestPrograms.require;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's nginx as a lab mirror: serves a folder on loopback with ranges, ETags and sendfile
 * under {@code /}, and the same folder under {@code /norange/} with ranges switched off
 * ({@code max_ranges 0}: every request gets the whole file, as from a CDN edge that drops
 * {@code Range}). Its access log records per request the status, the Range asked for, the body
 * bytes sent and the {@code Via} header (set by a proxy in front).
 */
public final class Nginx extends ExternalServer {
    private Nginx(List<String> command, Path work, int port) throws IOException {
        super(command, work, port, "nginx");
    }

    /**
     * @param root the folder to serve
     * @return the running server; skips the test if nginx is not installed
     */
    public static Nginx serve(Path root) throws IOException {
        Path nginx = require("nginx", "nginx");
        Path work = workFolder("nginx");
        int port = freePort();
        String w = work.toString();
        String conf = String.join("\n",
                "master_process off;", // one process, as the invoking user: it reads the test's private folders
                "daemon off;",
                "worker_processes 1;",
                "error_log " + w + "/error.log warn;",
                "pid " + w + "/nginx.pid;",
                "events { worker_connections 64; }",
                "http {",
                "  log_format mirror '$status $request_uri range=\"$http_range\" bytes=$body_bytes_sent via=\"$http_via\"';",
                "  access_log " + w + "/access.log mirror;",
                "  client_body_temp_path " + w + "/body;",
                "  proxy_temp_path " + w + "/proxy;",
                "  fastcgi_temp_path " + w + "/fastcgi;",
                "  uwsgi_temp_path " + w + "/uwsgi;",
                "  scgi_temp_path " + w + "/scgi;",
                "  sendfile on;",
                "  default_type application/octet-stream;",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    root " + root.toAbsolutePath() + ";",
                "    location /norange/ { alias " + root.toAbsolutePath() + "/; max_ranges 0; }",
                "  }",
                "}", "");
        Files.writeString(work.resolve("nginx.conf"), conf, StandardCharsets.UTF_8);
        return new Nginx(List.of(nginx.toString(), "-e", w + "/error.log", "-p", w, "-c", w + "/nginx.conf"), work,
                port);
    }

    /** @return the base URL of the folder, with a trailing slash */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** @return the base URL of the folder with ranges switched off, with a trailing slash */
    public URI noRangeBase() {
        return URI.create("http://127.0.0.1:" + port() + "/norange/");
    }

    /** @return the access log's lines so far */
    public List<String> accessLog() throws IOException {
        Path log = work().resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** @return the body bytes nginx sent, over all requests */
    public long bytesSent() throws IOException {
        return accessLog().stream().mapToLong(l -> Long.parseLong(l.replaceAll("^.* bytes=(\\d+) .*$", "$1"))).sum();
    }
}
