package org.depthfm.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a batch will do: the input files, where each one's outputs go, and its seed. Outputs
 * mirror the inputs' layout under the output folder ({@code <name>-depth.tif},
 * {@code <name>-uncertainty.tif}, {@code <name>-members.tif}). An image with known depths beside
 * it ({@code <name>.sparse.tif} or {@code <name>.points.csv}) is completed instead: its output is
 * {@code <name>-completed.tif}, in the known depths' unit. Those files are never inputs themselves.
 *
 * @param items the files to process, sorted by relative path, this shard only
 * @param outputDir the output folder (for a single file with an explicit output file, its folder)
 * @param summary where the summary CSV goes, or null for none
 */
public record BatchPlan(List<Item> items, Path outputDir, Path summary) {
    /** File name endings read as images (ImageJ's own formats; in Fiji, Bio-Formats' too). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "bmp", "gif", "pgm",
            "fits", "fit", "dcm", "czi", "lif", "nd2", "lsm", "ims", "oib", "oif", "zvi", "vsi", "svs", "ics", "ids",
            "dv", "r3d", "mrc", "sld", "lei", "stk", "nrrd", "ome");

    /**
     * How known depths beside an image are named, in the order they are looked for: the image's
     * stem followed by one of these ({@code a.png} has {@code a.sparse.tif}). A sparse image holds
     * depth above 0 where known; a CSV holds {@code x,y,depth} lines (see {@code depthfm complete}).
     */
    public static final List<String> KNOWN_DEPTH_SUFFIXES = List.of(".sparse.tif", ".sparse.tiff", ".points.csv");

    /**
     * One input and its outputs.
     *
     * @param source the input file
     * @param relativePath its path relative to the batch root, '/'-separated
     * @param depth the depth output
     * @param uncertainty the uncertainty output
     * @param members the members output
     * @param knownDepths the known depths beside the source, or null: with them the item is
     *     completed, and {@code depth} is its completed depth
     */
    public record Item(Path source, String relativePath, Path depth, Path uncertainty, Path members,
            Path knownDepths) {
        /**
         * @param seed the run's seed
         * @return this item's noise seed
         */
        public long seed(long seed) {
            return ItemSeed.of(seed, relativePath);
        }
    }

    /**
     * Plans a batch.
     *
     * @param inputs image files, or exactly one folder
     * @param output an output TIFF (one image), an output folder, or null for the defaults
     * @param recursive also take the files of sub-folders
     * @param shard the part of the batch to run
     * @param summary the summary CSV, or null for the default (in the output folder, for folders)
     * @return the plan
     * @throws IllegalArgumentException naming a missing input, an empty folder or a bad output
     */
    public static BatchPlan of(List<Path> inputs, Path output, boolean recursive, Shard shard, Path summary) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input given");
        }
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        if (inputs.size() == 1 && Files.isDirectory(inputs.get(0))) {
            return folder(inputs.get(0), output, recursive, shard, summary);
        }
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException(p + " is a folder: give either image files or one folder");
            }
        }
        return files(inputs, output, shard, summary);
    }

    private static BatchPlan folder(Path root, Path output, boolean recursive, Shard shard, Path summary) {
        Path out = output != null ? output : root.toAbsolutePath().normalize().resolveSibling(root.getFileName() + "-depth");
        if (Files.isRegularFile(out)) {
            throw new IllegalArgumentException("the output for a folder must be a folder, and " + out + " is a file");
        }
        List<Path> files;
        try (Stream<Path> s = recursive ? Files.walk(root) : Files.list(root)) {
            Path outAbs = out.toAbsolutePath().normalize();
            files = s.filter(Files::isRegularFile).filter(p -> isImage(p.getFileName().toString()))
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbs))
                    .sorted(Comparator.comparing(p -> relative(root, p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images in " + root + " (looked for .tif, .png, .jpg and other image"
                    + " files" + (recursive ? ")" : "; --recursive takes sub-folders too)"));
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (shard.contains(i)) {
                items.add(mirrored(files.get(i), relative(root, files.get(i)), out, knownDepthsOf(files.get(i))));
            }
        }
        return new BatchPlan(items, out, summary != null ? summary : out.resolve("depthfm-summary.csv"));
    }

    private static BatchPlan files(List<Path> inputs, Path output, Shard shard, Path summary) {
        boolean outputIsFile = output != null && inputs.size() == 1 && !Files.isDirectory(output)
                && isTiff(output.getFileName().toString());
        if (output != null && !outputIsFile && Files.isRegularFile(output)) {
            throw new IllegalArgumentException("-o " + output + " is a file: give a folder for several images, or a"
                    + " .tif name for one image");
        }
        List<Path> sorted = inputs.stream().sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (!shard.contains(i)) {
                continue;
            }
            Path in = sorted.get(i);
            String rel = in.getFileName().toString();
            Path known = knownDepthsOf(in);
            if (outputIsFile) {
                String stem = stem(output.getFileName().toString());
                Path dir = output.toAbsolutePath().getParent();
                items.add(new Item(in, rel, output, dir.resolve(stem + "-uncertainty.tif"),
                        dir.resolve(stem + "-members.tif"), known));
            } else {
                items.add(item(in, rel, output != null ? output : in.toAbsolutePath().getParent(), known));
            }
        }
        Path dir = outputIsFile ? output.toAbsolutePath().getParent() : output;
        return new BatchPlan(items, dir, summary);
    }

    /**
     * One file of a folder batch: its outputs mirror its place under the batch root.
     *
     * @param source the input file
     * @param relativePath its path relative to the batch root, '/'-separated
     * @param outputRoot the output folder
     * @param knownDepths the known depths beside it, or null
     * @return the item, e.g. {@code a/b.png} -> {@code <outputRoot>/a/b-depth.tif}
     */
    public static Item mirrored(Path source, String relativePath, Path outputRoot, Path knownDepths) {
        return item(source, relativePath, outputRoot.resolve(relativePath).getParent(), knownDepths);
    }

    private static Item item(Path source, String rel, Path dir, Path knownDepths) {
        String stem = stem(source.getFileName().toString());
        return new Item(source, rel, dir.resolve(stem + (knownDepths == null ? "-depth.tif" : "-completed.tif")),
                dir.resolve(stem + "-uncertainty.tif"), dir.resolve(stem + "-members.tif"), knownDepths);
    }

    /**
     * @param imageName an image's file name
     * @return the names its known depths may have, in the order they are looked for
     */
    public static List<String> knownDepthNames(String imageName) {
        String stem = stem(imageName);
        return KNOWN_DEPTH_SUFFIXES.stream().map(suffix -> stem + suffix).toList();
    }

    /**
     * @param image an image file
     * @return the first of its {@link #knownDepthNames} beside it, or null
     */
    public static Path knownDepthsOf(Path image) {
        return knownDepthNames(image.getFileName().toString()).stream().map(image::resolveSibling)
                .filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /**
     * @param name a file name
     * @return whether a folder batch takes it: an image extension, not hidden, and not an image's
     *     known depths
     */
    public static boolean isImage(String name) {
        if (name.startsWith(".") || isKnownDepths(name)) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * @param name a file name
     * @return whether it names an image's known depths ({@link #KNOWN_DEPTH_SUFFIXES})
     */
    public static boolean isKnownDepths(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return KNOWN_DEPTH_SUFFIXES.stream().anyMatch(suffix -> n.endsWith(suffix) && n.length() > suffix.length());
    }

    private static boolean isTiff(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }

    /**
     * @param name a file name
     * @return the name without its extension(s) ({@code a.ome.tif} -> {@code a})
     */
    public static String stem(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".ome.tif", ".ome.tiff")) {
            if (n.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
