package org.depthfm.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A libtorch build in DJL's cache, where DJL will load it from.
 *
 * @param version its version
 * @param flavor {@code cpu} or {@code cuNNN}
 * @param platform e.g. {@code linux-x86_64}
 * @param dir its folder
 * @param source where DepthFM got it (a URL, or the folder it was imported from); empty if DepthFM
 *     did not put it there (DJL fetched or extracted it, or it was copied in by hand)
 * @param bytes the size of its files
 */
public record LibtorchInstall(String version, String flavor, String platform, Path dir, Optional<String> source,
        long bytes) {
    /** @return e.g. {@code libtorch 2.7.1 cpu (linux-x86_64)} */
    public String title() {
        return "libtorch " + version + " " + flavor + " (" + platform + ")";
    }
}
