package org.depthfm.store;

import static org.depthfm.base.TestPrograms.require;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code python3 -m http.server}, the quickest mirror there is: HTTP/1.0, whole files only (it
 * ignores {@code Range}), Last-Modified but no ETag.
 */
public final class PythonHttpServer extends ExternalServer {
    private PythonHttpServer(List<String> command, Path work, int port) throws IOException {
        super(command, work, port, "python3 -m http.server");
    }

    /**
     * @param root the folder to serve
     * @return the running server; skips the test if python3 is not installed
     */
    public static PythonHttpServer serve(Path root) throws IOException {
        Path python = require("python3", "python3");
        int port = freePort();
        return new PythonHttpServer(List.of(python.toString(), "-m", "http.server", "" + port, "--bind", "127.0.0.1",
                "--directory", root.toAbsolutePath().toString()), workFolder("python"), port);
    }

    /** @return the base URL of the folder, with a trailing slash */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }
}
