package org.depthfm.model.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file the store creates appears complete or not at all: it is written under a temporary
 * name in the target's own folder (same file system) and renamed into place, so a crash, a full
 * disk or a concurrent reader never sees half a file.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @param target the file to create or replace
     * @param text its new content
     * @throws IOException if it cannot be written
     */
    static void write(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            promote(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * @param finished a complete file, in the target's file system
     * @param target where it belongs; an older file there is replaced
     * @throws IOException if it cannot be moved
     */
    static void promote(Path finished, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
