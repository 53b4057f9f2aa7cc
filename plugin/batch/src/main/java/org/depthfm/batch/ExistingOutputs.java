package org.depthfm.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.depthfm.imagej.ImageHeader;
import org.depthfm.pipeline.EstimateOptions;

/**
 * Whether a file's earlier outputs can be reused. An output counts as done only when it is
 * complete and fits its input: a TIFF whose every image lies inside the file ({@link ImageHeader}),
 * of the input's width and height, with one plane per input frame (the members: one per member
 * and frame; a completed depth: one). A missing, truncated, half-written or foreign output has the
 * file redone. Inputs that {@link ImageHeader} does not read (Bio-Formats' formats) are checked
 * for completeness only.
 */
final class ExistingOutputs {
    private ExistingOutputs() {
    }

    /**
     * @param item a file of the batch
     * @param options the estimate options (which outputs, how many members)
     * @return null if every output is done; "" if none exists; else why the file is redone
     */
    static String problem(BatchPlan.Item item, EstimateOptions options) {
        List<Path> outputs = BatchRunner.outputs(item, options);
        if (outputs.stream().noneMatch(Files::exists)) {
            return "";
        }
        ImageHeader input;
        try {
            input = ImageHeader.read(item.source());
        } catch (RuntimeException e) {
            input = null; // a damaged input fails when it is run, with its own message
        }
        for (Path out : outputs) {
            String name = out.getFileName().toString();
            if (!Files.exists(out)) {
                return name + " was missing";
            }
            ImageHeader h;
            try {
                h = ImageHeader.read(out);
            } catch (RuntimeException e) {
                return name + " was damaged or half-written";
            }
            if (h == null || !h.format().equals("TIFF")) {
                return name + " was not a TIFF";
            }
            if (input == null) {
                continue;
            }
            if (h.width() != input.width() || h.height() != input.height()) {
                return String.format(Locale.ROOT, "%s was %dx%d, the image %dx%d", name, h.width(), h.height(),
                        input.width(), input.height());
            }
            long planes = item.knownDepths() != null ? 1
                    : out.equals(item.members()) ? input.frames() * options.sampling().ensembleSize() : input.frames();
            if (h.planes() != planes) {
                return String.format(Locale.ROOT, "%s had %d plane(s), not %d", name, h.planes(), planes);
            }
        }
        return null;
    }

    /**
     * @param item a file of the batch whose depth output is complete
     * @param surfaces the 3D files its depth map gets
     * @return null if every 3D file is there and whole (or none is asked for), else why not
     */
    static String surfaceProblem(BatchPlan.Item item, SurfaceOutputs surfaces) {
        if (!surfaces.any()) {
            return null;
        }
        return surfaces.problem(item.depth(), ImageHeader.read(item.depth()));
    }
}
