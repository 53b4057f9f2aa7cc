package org.depthfm.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did.
 *
 * @param id the model the files went to
 * @param dir its folder
 * @param imported the paths (in the model folder) of the files imported
 * @param missing the paths the model still lacks
 */
public record ImportResult(String id, Path dir, List<String> imported, List<String> missing) {
    /** Copies the lists. */
    public ImportResult {
        imported = List.copyOf(imported);
        missing = List.copyOf(missing);
    }
}
