package org.depthfm.fiji;

import java.io.File;
import java.nio.file.Path;
import org.depthfm.engine.runtime.EngineOptions;
import org.scijava.app.StatusService;
import org.scijava.plugin.Parameter;

/**
 * The parameters of every command that runs the model: which model, on which device, in which
 * precision, with which attention numerics ({@code persist = false}: a macro that leaves a key
 * out gets the default).
 */
abstract class ModelParameters extends DepthFmCommand {
    @Parameter(label = Labels.MODEL_DIR, required = false, style = "directory", persist = false)
    File model_dir;

    @Parameter(label = Labels.DEVICE, choices = {"auto", "cpu", "cuda"}, persist = false)
    String device = "auto";

    @Parameter(label = Labels.PRECISION, choices = {"auto", "fp32", "fp16"}, persist = false)
    String precision = "auto";

    @Parameter(label = Labels.ATTENTION, choices = {"xformers", "sdpa"}, persist = false)
    String attention = "xformers";

    @Parameter
    DepthFmService depthfm;

    @Parameter(required = false)
    StatusService status;

    /** @return device, precision and attention */
    EngineOptions engine() {
        return Inputs.engine(device, precision, attention);
    }

    /**
     * @param run download progress and cancel
     * @return the model folder: the given one, or the cached default model (downloaded on first use)
     */
    Path modelDir(Run run) {
        return Inputs.modelDir(model_dir, depthfm.modelManager(), run);
    }
}
