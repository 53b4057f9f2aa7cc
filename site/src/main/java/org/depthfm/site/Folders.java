package org.depthfm.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folder copies and clean-ups for the generated sites, which are rebuilt from nothing each time. */
public final class Folders {
    private Folders() {
    }

    /**
     * Deletes a folder and everything in it; nothing happens if it does not exist.
     *
     * @param dir the folder
     * @throws IOException if something cannot be deleted
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.delete(p);
        }
    }

    /**
     * Copies the files below a folder, keeping their relative paths; nothing happens if it does not exist.
     *
     * @param from the source folder
     * @param to the target folder
     * @throws IOException if a file cannot be copied
     */
    public static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path p : files) {
            Path target = to.resolve(from.relativize(p).toString());
            Files.createDirectories(target.getParent());
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
