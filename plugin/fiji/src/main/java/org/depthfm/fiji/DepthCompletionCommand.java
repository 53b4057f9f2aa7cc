package org.depthfm.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import org.depthfm.base.Defaults;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.imagej.DepthCompleter;
import org.depthfm.pipeline.CompletionMethod;
import org.depthfm.pipeline.CompletionOptions;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Depth Completion: dense depth, in the unit of the known points, for the active
 * image plane (the active one unless {@code image=[title]} names another). Macro:
 * {@code run("Depth Completion", "source=image sparse=lidar.tif method=align")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Depth Completion", headless = true, initializer = "offerImages",
        description = "Dense depth from an image and sparse known depths, with DepthFM. Methods: align (predict, then"
                + " fit scale and shift to the points: the cost of Estimate Depth), guided (steer the flow toward the"
                + " points: about 3 x iterations times that, float32) and learned (a depth-completion checkpoint:"
                + " about Estimate Depth's cost). The residuals at the points go to the DepthFM Results table.")
public final class DepthCompletionCommand extends DepthFmDynamicCommand {
    /** Not required, so that "no image open" gets the command's own clear message. */
    @Parameter(label = "Image", required = false)
    ImagePlus image;

    @Parameter(label = Labels.SOURCE, choices = {KnownDepths.IMAGE, KnownDepths.CSV, KnownDepths.SELECTION},
            persist = false)
    String source = KnownDepths.IMAGE;

    @Parameter(label = Labels.SPARSE, required = false, persist = false)
    String sparse = ImageChoice.NONE;

    @Parameter(label = Labels.POINTS_CSV, required = false, style = "extensions:csv/txt", persist = false)
    File points_csv;

    @Parameter(label = Labels.POINTS_TABLE, required = false, persist = false)
    String points_table = "Results";

    @Parameter(label = Labels.POINTS_COLUMN, required = false, persist = false)
    String points_column = "";

    @Parameter(label = Labels.METHOD, choices = {"align", "guided", "learned"}, persist = false)
    String method = "align";

    @Parameter(label = Labels.SPACE, choices = {"log", "disparity", "linear"}, persist = false)
    String space = "log";

    @Parameter(label = Labels.INLIER_THRESHOLD, min = "0", persist = false)
    double inlier_threshold = 0;

    @Parameter(label = Labels.STEPS, min = Defaults.STEPS_MIN_TEXT, max = Defaults.STEPS_MAX_TEXT, persist = false)
    int steps = Defaults.STEPS;

    @Parameter(label = Labels.ENSEMBLE, min = Defaults.ENSEMBLE_MIN_TEXT, max = Defaults.ENSEMBLE_MAX_TEXT,
            persist = false)
    int ensemble_size = Defaults.ENSEMBLE;

    @Parameter(label = Labels.ITERATIONS, min = "1", max = Defaults.GUIDANCE_ITERATIONS_MAX_TEXT, persist = false)
    int iterations = Defaults.GUIDANCE_ITERATIONS;

    @Parameter(label = Labels.LEARNING_RATE, min = "0", persist = false)
    double learning_rate = Defaults.GUIDANCE_LEARNING_RATE;

    @Parameter(label = Labels.HELD_OUT, min = "0", max = "0.9", persist = false)
    double held_out = 0;

    @Parameter(label = Labels.PROCESSING_RES, min = "0", persist = false)
    int processing_res = Defaults.PROCESSING_SIZE;

    @Parameter(label = Labels.SEED, persist = false)
    long seed = Defaults.SEED;

    @Parameter(label = Labels.UNIT, required = false, persist = false)
    String unit = "";

    @Parameter(label = Labels.RESIDUAL_TABLE, persist = false)
    boolean residual_table = false;

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

    @Parameter(type = ItemIO.OUTPUT, label = "Completed depth")
    ImagePlus depth_map;

    @Parameter(type = ItemIO.OUTPUT, label = "Uncertainty")
    ImagePlus uncertainty_map;

    /** The sparse image's choices: none or an open image. */
    void offerImages() {
        ImageChoice.offer(this, "sparse");
    }

    @Override
    public void run() {
        guarded(() -> {
            Inputs.requireImage(image);
            ImagePlus sparseImage = ImageChoice.image("sparse", sparse);
            KnownPoints points = KnownDepths.read(image, source, sparseImage, points_csv, points_table, points_column);
            String depthUnit = KnownDepths.unit(unit, source, sparseImage);
            CompletionOptions options = new CompletionOptions(CompletionMethod.parse(method),
                    new Sampling(steps, ensemble_size, seed, -1, 0), processing_res,
                    CompletionOptions.parseSpace(space), inlier_threshold, iterations, learning_rate,
                    held_out);
            Run run = new Run(status, image, "Depth Completion");
            DepthCompleter.Result r = depthfm.models().with(Inputs.modelDir(model_dir, depthfm.modelManager(), run),
                    options.method().engine(Inputs.engine(device, precision, attention)),
                    model -> DepthCompleter.complete(model, image, points, depthUnit, options, run));
            depth_map = r.depth();
            uncertainty_map = r.uncertainty();
            run.record(model_dir, rt -> CompletionReport.columns(rt, r.maps(), options, depthUnit));
            if (residual_table) {
                ResultsTable residuals = CompletionReport.points(Tables.replacing(true), r.maps());
                Tables.show(residuals, CompletionReport.POINTS_TABLE, 0);
            }
        });
    }
}
