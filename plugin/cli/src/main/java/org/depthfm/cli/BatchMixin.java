package org.depthfm.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A batch's options, shared by {@code estimate} and {@code spark}: what to compute, and how files are treated. */
final class BatchMixin {
    @Mixin
    EstimateArgs estimate;

    @Mixin
    SurfaceOutputArgs surfaces;

    @Option(names = "--overwrite", description = "Redo files whose outputs exist.")
    boolean overwrite;

    @Option(names = "--recursive", description = "Also take the images of sub-folders (outputs mirror the layout).")
    boolean recursive;
}
