package org.depthfm.store;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A model as {@code depthfm models list} shows it. Computed without reading the files' contents.
 *
 * @param id the model's name
 * @param title its description (for a model imported under a name of one's own, says so)
 * @param registered whether the registry lists it (and so can download it)
 * @param state how complete its folder is
 * @param dir its folder
 * @param bytesOnDisk the bytes its folder holds, partial downloads included
 * @param size the size of its files, where the registry knows all of them
 */
public record ModelStatus(String id, String title, boolean registered, State state, Path dir, long bytesOnDisk,
        OptionalLong size) {
    /** How complete a model folder is. */
    public enum State {
        /** Every file is present and unchanged since it was checked. */
        READY,
        /** Every file is present, but some have not been checked yet or changed since; the next use checks them. */
        UNCHECKED,
        /** Some files, or partial downloads, are present. */
        INCOMPLETE,
        /** Nothing is present. */
        ABSENT
    }
}
