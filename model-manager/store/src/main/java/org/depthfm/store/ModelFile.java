package org.depthfm.store;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file of a registered model.
 *
 * @param path where it lives in the model folder, {@code /}-separated (also its path under a mirror)
 * @param url where to download it
 * @param size its size in bytes, where known
 * @param sha256 its SHA-256 in lower-case hex, where known
 * @param licence the licence it is published under
 */
public record ModelFile(String path, URI url, OptionalLong size, Optional<String> sha256, String licence) {
    /** @return which file of the model folder it is */
    public FileKind kind() {
        return FileKind.ofPath(path);
    }
}
