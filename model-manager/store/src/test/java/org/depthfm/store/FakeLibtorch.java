package org.depthfm.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * DJL's libtorch release layout with made-up libraries: {@code pytorch/2.7.1/files.txt} listing
 * gzip files per flavor and platform, as on publish.djl.ai, and the files themselves (random
 * bytes, different per file), to serve from a test server or a mirror folder.
 */
public final class FakeLibtorch {
    public static final String VERSION = "2.7.1";
    public static final String PLATFORM = "linux-x86_64";
    /** The flavors published for this platform. */
    public static final List<String> FLAVORS = List.of("cpu", "cu118", "cu124", "cu128");

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final String version;

    public FakeLibtorch() {
        this(VERSION);
    }

    /** @param version the libtorch version whose folder it is */
    public FakeLibtorch(String version) {
        this.version = version;
        Random random = new Random(2_7_1);
        for (String flavor : FLAVORS) {
            List<String> libs = flavor.equals("cpu")
                    ? List.of("libc10.so", "libgomp-98b21ff3.so.1", "libtorch.so", "libtorch_cpu.so")
                    : List.of("libc10.so", "libc10_cuda.so", "libtorch.so", "libtorch_cpu.so", "libtorch_cuda.so");
            for (String lib : libs) {
                byte[] b = new byte[lib.equals("libtorch_cpu.so") ? 3_000_000 : 20_000 + random.nextInt(50_000)];
                random.nextBytes(b);
                files.put(flavor + "/" + PLATFORM + "/native/lib/" + lib, b);
            }
        }
        files.put("cpu/osx-aarch64/native/lib/libtorch.dylib", new byte[] {1, 2, 3});
    }

    /** @return the library's bytes, by its path under the version folder without {@code .gz} */
    public byte[] library(String flavor, String name) {
        return files.get(flavor + "/" + PLATFORM + "/native/lib/" + name);
    }

    /** @return the libraries of a flavor by name */
    public Map<String, byte[]> libraries(String flavor) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String prefix = flavor + "/" + PLATFORM + "/native/lib/";
        files.forEach((p, b) -> {
            if (p.startsWith(prefix)) {
                out.put(p.substring(prefix.length()), b);
            }
        });
        return out;
    }

    /** @return {@code files.txt} as DJL publishes it */
    public String index() {
        return String.join("\n", files.keySet().stream().map(p -> p + ".gz").toList()) + "\n";
    }

    /** @return every file under the version folder by path, gzipped as published, with files.txt */
    public Map<String, byte[]> published() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("files.txt", index().getBytes(StandardCharsets.UTF_8));
        files.forEach((p, b) -> out.put(p + ".gz", gzip(b)));
        return out;
    }

    /** Serves the layout under {@code prefix + "pytorch/VERSION/"}. */
    public void serve(FakeFileServer server, String prefix) {
        published().forEach((p, b) -> server.put(prefix + "pytorch/" + version + "/" + p, b));
    }

    /** Writes the layout under {@code root/pytorch/VERSION/}, as a mirror's folder. */
    public void write(Path root) throws IOException {
        for (Map.Entry<String, byte[]> e : published().entrySet()) {
            Path p = root.resolve("pytorch").resolve(version).resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
