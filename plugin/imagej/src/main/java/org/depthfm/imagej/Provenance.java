package org.depthfm.imagej;

import ij.ImagePlus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.CompletionPipeline;
import org.depthfm.pipeline.EstimateOptions;

/**
 * What made a result image, as {@code key = value} lines of its Info property, so that it travels
 * with the image and its TIFF: Fiji's Image › Show Info lists it, a macro reads one entry with
 * {@code getInfo("DepthFM processing size")}, and the TIFF keeps it in ImageJ's metadata.
 *
 * <p>Every key starts with {@value #PREFIX} and has no dot: ImageJ's {@code getInfo} reads a
 * dotted key as a Java property instead of the image's Info.
 */
public final class Provenance {
    /** The start of every key. */
    public static final String PREFIX = "DepthFM ";
    /** The key of the size the network saw, e.g. {@code 768x576}. */
    public static final String PROCESSING_SIZE = PREFIX + "processing size";

    private Provenance() {
    }

    /**
     * Writes an estimate's provenance into each result image.
     *
     * @param result the images of {@link StackEstimator#estimate}
     * @param model the model that made them
     * @param options the options, with the seed the run used
     */
    static void record(StackEstimator.Result result, DepthFM model, EstimateOptions options) {
        Map<String, String> entries = common(model, "estimate", options.sampling());
        entries.put("output", options.output().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        sizes(entries, options.processingRes(), result.processingWidth(), result.processingHeight(),
                result.depth().getWidth(), result.depth().getHeight());
        entries.put("tiles", options.tileSize() == 0 ? "none" : options.tileSize() + " px");
        entries.put("temporal alignment", Boolean.toString(options.temporal()));
        for (ImagePlus imp : new ImagePlus[] {result.depth(), result.uncertainty(), result.members()}) {
            write(imp, entries);
        }
    }

    /**
     * Writes a completion's provenance into each result image.
     *
     * @param result the images of {@link DepthCompleter#complete}
     * @param model the model that made them
     * @param options the method and its settings
     */
    static void record(DepthCompleter.Result result, DepthFM model, CompletionOptions options) {
        CompletionPipeline.Result maps = result.maps();
        Map<String, String> entries = common(model, "completion (" + options.method().name().toLowerCase(Locale.ROOT)
                + ")", options.sampling());
        sizes(entries, options.processingRes(), maps.processingWidth(), maps.processingHeight(),
                result.depth().getWidth(), result.depth().getHeight());
        entries.put("known depths", Long.toString(maps.given().size()));
        if (maps.fit() != null) {
            entries.put("fit", String.format(Locale.ROOT, "scale %.6g, shift %.6g (%s)", maps.fit().scale(),
                    maps.fit().shift(), maps.fit().space().name().toLowerCase(Locale.ROOT)));
        }
        write(result.depth(), entries);
        write(result.uncertainty(), entries);
    }

    private static Map<String, String> common(DepthFM model, String method, Sampling sampling) {
        Map<String, String> entries = new LinkedHashMap<>();
        String version = Provenance.class.getPackage().getImplementationVersion();
        entries.put("software", "DepthFM for Fiji " + (version == null ? "(development build)" : version));
        entries.put("model", String.valueOf(model.folder().dir().getFileName()));
        entries.put("precision", model.dtype().name().toLowerCase(Locale.ROOT));
        entries.put("method", method);
        entries.put("steps", Integer.toString(sampling.steps()));
        entries.put("ensemble", Integer.toString(sampling.ensembleSize()));
        entries.put("seed", Long.toString(sampling.seed()));
        return entries;
    }

    private static void sizes(Map<String, String> entries, int processingRes, int pw, int ph, int w, int h) {
        entries.put("processing size", pw + "x" + ph);
        entries.put("processing limit", processingRes == 0 ? "none (original size)" : processingRes + " px");
        entries.put("image size", w + "x" + h);
    }

    /**
     * @param imp an output image, e.g. opened from its TIFF
     * @return the processing size {@code {width, height}} its provenance records, or null if it has none
     */
    public static int[] processingSize(ImagePlus imp) {
        String size = imp.getStringProperty(PROCESSING_SIZE);
        if (size == null || !size.trim().matches("\\d+x\\d+")) {
            return null;
        }
        String[] wh = size.trim().split("x");
        return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
    }

    private static void write(ImagePlus imp, Map<String, String> entries) {
        if (imp == null) {
            return;
        }
        StringBuilder info = new StringBuilder();
        entries.forEach((k, v) -> info.append(PREFIX).append(k).append(" = ").append(v).append('\n'));
        imp.setProperty("Info", info.toString());
    }
}
