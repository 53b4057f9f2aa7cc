package org.depthfm.ij1;


import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.depthfm.base.TestPrograms;

/**
 * A plain ImageJ 1 folder as a user makes it from the ImageJ 1 install zip: {@code ij.jar},
 * {@code plugins/DepthFM_-*.jar} and {@code plugins/jars/}, plus the CPU libtorch from Maven so
 * that nothing is downloaded. Built once per test JVM under {@code target/it/imagej1}.
 */
final class ImageJ1Folder {
    private static Path folder;

    private ImageJ1Folder() {
    }

    /** @return the folder, built on first use */
    static synchronized Path get() throws IOException, URISyntaxException {
        if (folder != null) {
            return folder;
        }
        // ImageJ 1 builds its menus only with a display
        TestPrograms.require("xvfb-run", "xvfb xauth");
        Path target = Paths.get("target").toAbsolutePath();
        Path ij = target.resolve("it/imagej1");
        deleteTree(ij);
        copyTree(target.resolve("imagej1"), ij);
        try (Stream<Path> s = Files.list(target)) {
            Path jar = s.filter(p -> p.getFileName().toString().matches("DepthFM_-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-tests.jar")).findFirst().orElseThrow();
            Files.copy(jar, ij.resolve("plugins").resolve(jar.getFileName()));
        }
        Files.copy(jarOf("ij/ImageJ.class"), ij.resolve("ij.jar"));
        Files.copy(jarOf("native/lib/pytorch.properties"), ij.resolve("plugins/jars/pytorch-native-cpu.jar"));
        folder = ij;
        return ij;
    }

    /** @return the java executable of this JVM */
    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jarOf(String resource) throws URISyntaxException {
        String url = ClassLoader.getSystemResource(resource).toString();
        return Paths.get(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
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
