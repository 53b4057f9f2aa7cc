package org.depthfm.store;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@code depthfm models verify}: each file's size, format and SHA-256 checked.
 *
 * @param id the model
 * @param dir its folder
 * @param files one line per file
 */
public record VerifyReport(String id, Path dir, List<FileReport> files) {
    /** Copies the list. */
    public VerifyReport {
        files = List.copyOf(files);
    }

    /** @return whether every file passed */
    public boolean ok() {
        return files.stream().allMatch(f -> f.status() == Status.OK);
    }

    /** What was found for one file. */
    public enum Status {
        /** Complete, of the right format, and with the expected (or first recorded) SHA-256. */
        OK,
        /** Not there. */
        MISSING,
        /** There, but wrong: truncated, another file, or changed since it was recorded. */
        CORRUPT
    }

    /**
     * @param path the file's path in the model folder
     * @param status what was found
     * @param detail one line: the size and digest when OK, else what is wrong and the fix
     */
    public record FileReport(String path, Status status, String detail) {
    }
}
