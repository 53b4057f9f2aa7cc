package org.depthfm.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.depthfm.base.Fixtures;

/** The depthfm-tiny fixture as a downloadable model "tiny", and store settings fit for tests. */
public final class TinyModel {
    public static final String ID = "tiny";
    public static final String CKPT = "unet.ckpt";
    public static final String CONFIG = "vae/config.json";
    public static final String WEIGHTS = "vae/diffusion_pytorch_model.safetensors";
    public static final List<String> FILES = List.of(CKPT, CONFIG, WEIGHTS);

    private TinyModel() {
    }

    public static byte[] bytes(String path) {
        try {
            return Files.readAllBytes(Fixtures.tiny().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long totalSize() {
        return FILES.stream().mapToLong(f -> bytes(f).length).sum();
    }

    /** Serves the fixture's files under {@code prefix/PATH}. */
    public static void serve(FakeFileServer server, String prefix) {
        FILES.forEach(f -> server.put(prefix + f, bytes(f)));
    }

    /**
     * @param base the URL the files are under ({@code base + PATH})
     * @param sizes whether the registry gives the files' sizes
     * @return the registry's JSON, listing the fixture as model "tiny"
     */
    public static String registryJson(String base, boolean sizes) {
        String files = FILES.stream().map(f -> "{\"path\": \"" + f + "\", \"url\": \"" + base + f + "\", \"licence\": \"test"
                + " licence\"" + (sizes ? ", \"size\": " + bytes(f).length : "") + "}").collect(Collectors.joining(", "));
        return "{\"default\": \"tiny\", \"models\": [{\"id\": \"tiny\", \"title\": \"tiny test model\", \"homepage\":"
                + " \"https://example.org\", \"citation\": \"none\", \"files\": [" + files + "]}]}";
    }

    public static ModelRegistry registry(String base, boolean sizes) {
        return ModelRegistry.parse(new StringReader(registryJson(base, sizes)), "test registry");
    }

    /** Short time-outs and back-offs, no proxy: failures show up in milliseconds. */
    public static HttpSettings quickHttp() {
        return HttpSettings.defaults(Map.of(), new Properties())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(20))
                .withProxy(HttpClient.Builder.NO_PROXY);
    }

    public static StoreSettings settings(Path cacheRoot) {
        return new StoreSettings(cacheRoot, Optional.empty(), false, quickHttp(), Duration.ofSeconds(30));
    }

    public static ModelManager manager(Path cacheRoot, URI base, boolean sizes) {
        return new ModelManager(settings(cacheRoot), registry(base.toString(), sizes));
    }
}
