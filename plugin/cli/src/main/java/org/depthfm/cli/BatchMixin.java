package org.depthfm.cli;

import picocli.CommandLine.Option;

/** How a batch treats its files, shared by {@code estimate} and {@code spark}. */
final class BatchMixin {
    @Option(names = "--overwrite", description = "Redo files whose outputs exist.")
    boolean overwrite;

    @Option(names = "--recursive", description = "Also take the images of sub-folders (outputs mirror the layout).")
    boolean recursive;
}
