package org.depthfm.cli;

import picocli.CommandLine.Mixin;

/** Which model runs and where: shared by every command that predicts depth. */
final class RunMixin {
    @Mixin
    ModelOptions model;

    @Mixin
    EngineMixin engine;
}
