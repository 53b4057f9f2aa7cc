package org.depthfm.imagej;

import ij.ImagePlus;
import ij.process.LUT;
import java.util.List;
import java.util.concurrent.CancellationException;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.CompletionPipeline;

/**
 * Depth completion of one ImageJ image plane (any channels): the dense depth and its uncertainty
 * as new 32-bit images calibrated like the input, with the points' unit as their value unit and
 * their {@link Provenance} in the Info. The input is never changed.
 */
public final class DepthCompleter {
    private DepthCompleter() {
    }

    /**
     * @param depth the dense depth, magma colour map
     * @param uncertainty the members' standard deviation in the same unit
     * @param maps the maps, the fit and the residuals
     */
    public record Result(ImagePlus depth, ImagePlus uncertainty, CompletionPipeline.Result maps) {
    }

    /**
     * @param model the model
     * @param imp the image (one Z and T position)
     * @param points the known depths at its pixels
     * @param unit the depths' unit, or ""
     * @param options the method and its settings
     * @param progress progress per step; its cancellation stops the run between steps
     * @return the new images (not shown)
     * @throws CancellationException if cancelled; nothing is returned then
     * @throws IllegalArgumentException for an image, points or model that cannot be completed
     */
    public static Result complete(DepthFM model, ImagePlus imp, KnownPoints points, String unit,
            CompletionOptions options, Progress progress) {
        int frames = ImageFrames.count(imp);
        if (frames != 1) {
            throw new IllegalArgumentException("depth completion takes one image plane, but '" + imp.getTitle()
                    + "' has " + frames + " (slices x frames): duplicate the plane to complete (Image > Duplicate)");
        }
        Progress part = StackEstimator.frameProgress(progress, 0, 1);
        part.checkCancelled();
        CompletionPipeline.Result r = ImageFrames.visit(imp, 0, new ImageFrames.Visitor<CompletionPipeline.Result>() {
            @Override
            public <T extends RealType<T>> CompletionPipeline.Result visit(RandomAccessibleInterval<T> frame) {
                return CompletionPipeline.complete(model, frame, points, options, part);
            }
        });
        String title = StackEstimator.stem(imp.getTitle());
        Result result = new Result(image(title + "-completed", r.depth(), imp, unit, DepthImages.magma()),
                image(title + "-uncertainty", r.uncertainty(), imp, unit, null), r);
        Provenance.record(result, model, options);
        return result;
    }

    private static ImagePlus image(String title, RandomAccessibleInterval<FloatType> plane, ImagePlus like, String unit,
            LUT lut) {
        ImagePlus imp = DepthImages.fromFrames(title, List.of(plane), like, lut);
        imp.getCalibration().setValueUnit(unit);
        return imp;
    }
}
