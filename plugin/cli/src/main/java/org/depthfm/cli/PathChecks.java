package org.depthfm.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on paths given on the command line, with messages that say what was expected. */
final class PathChecks {
    private PathChecks() {
    }

    /**
     * @param p a path
     * @param what what it should be, e.g. "fixture folder"
     * @throws IllegalArgumentException if it is not an existing folder
     */
    static void requireDirectory(Path p, String what) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(what + " " + p + " does not exist");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(p + " is a file; a " + what + " is expected");
        }
    }
}
