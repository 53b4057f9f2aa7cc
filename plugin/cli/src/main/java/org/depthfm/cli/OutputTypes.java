package org.depthfm.cli;

import java.util.Locale;
import org.depthfm.ops.depth.DepthOutput;

/** The names of the depth outputs in options and macros. */
final class OutputTypes {
    private OutputTypes() {
    }

    /**
     * @param name depth, inverted, disparity or log-depth (any case)
     * @return the output
     * @throws IllegalArgumentException naming the accepted values
     */
    static DepthOutput parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "depth" -> DepthOutput.DEPTH;
            case "inverted", "inverted-depth" -> DepthOutput.INVERTED_DEPTH;
            case "disparity" -> DepthOutput.DISPARITY;
            case "log-depth", "log" -> DepthOutput.LOG_DEPTH;
            default -> throw new IllegalArgumentException("unknown output type '" + name
                    + "': use depth, inverted, disparity or log-depth");
        };
    }
}
