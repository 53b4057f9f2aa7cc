package org.depthfm.base;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the reference fixtures in {@code ../shared/fixtures} beside the checkout. */
public final class Fixtures {
    private Fixtures() {
    }

    /** @return the shared folder ({@code -Ddepthfm.shared}, else found upwards from the working directory) */
    public static Path shared() {
        String prop = System.getProperty("depthfm.shared");
        if (prop != null && Files.isDirectory(Paths.get(prop, "fixtures"))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolveSibling("shared");
            if (Files.isDirectory(s.resolve("fixtures"))) {
                return s;
            }
        }
        throw new IllegalStateException("../shared/fixtures not found beside the checkout");
    }

    /** @return the depthfm-tiny fixture folder */
    public static Path tiny() {
        return shared().resolve("fixtures").resolve("depthfm-tiny");
    }
}
