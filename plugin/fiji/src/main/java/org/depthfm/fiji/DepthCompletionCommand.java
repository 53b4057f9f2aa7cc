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
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Depth Completion: dense depth, in the unit of the known points, for the active
 * image plane (the active one unless {@code image=[title]} names another). Macro:
 * {@code run("Depth Completion", "source=image sparse=lidar.tif method=align")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Depth Completion", headless = true,
        initializer = "offerImages",
        description = "Dense depth from an image and sparse known depths, with DepthFM. Methods: align (predict, then"
                + " fit scale and shift to the points: the cost of Estimate Depth), guided (steer the flow toward the"
                + " points: about 3 x iterations times that, float32) and learned (a depth-completion checkpoint:"
                + " about Estimate Depth's cost). The residuals at the points go to the DepthFM Results table.")
public final class DepthCompletionCommand extends DepthFmDynamicCommand {
    /** Not required, so that "no image open" gets the command's own clear message. */
    @Parameter(label = Labels.IMAGE,
            description = "The image plane to complete; a macro names it by title (image=[title]), else the active"
            + " image", required = false, persist = false)
    ImagePlus image;

    @Parameter(label = Labels.SOURCE, description = "image: a sparse depth image; csv: a file of x,y,depth lines;"
            + " selection: the image's multi-point selection and a table column",
            choices = {KnownDepths.IMAGE, KnownDepths.CSV, KnownDepths.SELECTION}, persist = false)
    String source = KnownDepths.IMAGE;

    @Parameter(label = Labels.SPARSE,
            description = "An open image of the same size whose non-zero, finite pixels are known depths (source"
            + " image)", required = false, persist = false)
    String sparse = ImageChoice.NONE;

    @Parameter(label = Labels.POINTS_CSV,
            description = "x,y,depth lines, pixels from the top-left corner (source csv)", required = false,
            style = "extensions:csv/txt", persist = false)
    File points_csv;

    @Parameter(label = Labels.POINTS_TABLE,
            description = "The table with one row per selected point, in the selection's order (source selection)",
            required = false, persist = false)
    String points_table = "Results";

    @Parameter(label = Labels.POINTS_COLUMN,
            description = "The column of that table that holds the depths (source selection)", required = false,
            persist = false)
    String points_column = "";

    @Parameter(label = Labels.METHOD,
            description = "align: predict, then fit scale and shift; guided: steer the flow toward the points;"
            + " learned: a completion checkpoint", choices = {"align", "guided", "learned"}, persist = false)
    String method = "align";

    @Parameter(label = Labels.SPACE, description = "Where scale and shift are fitted: log-depth, disparity or depth",
            choices = {"log", "disparity", "linear"}, persist = false)
    String space = "log";

    @Parameter(label = Labels.INLIER_THRESHOLD,
            description = "Points whose error exceeds this are left out of the fit (RANSAC); 0: least squares over all",
            min = "0", persist = false)
    double inlier_threshold = 0;

    @Parameter(label = Labels.STEPS, description = Labels.STEPS_HELP, min = Defaults.STEPS_MIN_TEXT,
            max = Defaults.STEPS_MAX_TEXT, persist = false)
    int steps = Defaults.STEPS;

    @Parameter(label = Labels.ENSEMBLE, description = Labels.ENSEMBLE_HELP, min = Defaults.ENSEMBLE_MIN_TEXT,
            max = Defaults.ENSEMBLE_MAX_TEXT, persist = false)
    int ensemble_size = Defaults.ENSEMBLE;

    @Parameter(label = Labels.ITERATIONS,
            description = "Guided method: gradient steps toward the points at every Euler step", min = "1",
            max = Defaults.GUIDANCE_ITERATIONS_MAX_TEXT, persist = false)
    int iterations = Defaults.GUIDANCE_ITERATIONS;

    @Parameter(label = Labels.LEARNING_RATE, description = "Guided method: the step size of those gradient steps",
            min = "0", persist = false)
    double learning_rate = Defaults.GUIDANCE_LEARNING_RATE;

    @Parameter(label = Labels.HELD_OUT,
            description = "A share of the points kept out of the completion, to measure its error at them", min = "0",
            max = "0.9", persist = false)
    double held_out = 0;

    @Parameter(label = Labels.PROCESSING_RES, description = Labels.PROCESSING_HELP, min = "0", persist = false)
    int processing_res = Defaults.PROCESSING_SIZE;

    @Parameter(label = Labels.SEED, description = Labels.SEED_HELP, persist = false)
    long seed = Defaults.SEED;

    @Parameter(label = Labels.UNIT, description = "The unit of the known depths, given to the completed depth",
            required = false, persist = false)
    String unit = "";

    @Parameter(label = Labels.RESIDUAL_TABLE,
            description = "Also a table of every point: known and completed depth and the residual", persist = false)
    boolean residual_table = false;

    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    String advanced = Labels.ADVANCED;

    @Parameter(label = Labels.MODEL_DIR, description = Labels.MODEL_DIR_HELP, required = false, style = "directory",
            persist = false)
    File model_dir;

    @Parameter(label = Labels.DEVICE, description = Labels.DEVICE_HELP, choices = {"auto", "cpu", "cuda"},
            persist = false)
    String device = "auto";

    @Parameter(label = Labels.PRECISION, description = Labels.PRECISION_HELP, choices = {"auto", "fp32", "fp16"},
            persist = false)
    String precision = "auto";

    @Parameter(label = Labels.ATTENTION, description = Labels.ATTENTION_HELP, choices = {"xformers", "sdpa"},
            persist = false)
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
