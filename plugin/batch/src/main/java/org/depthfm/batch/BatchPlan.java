package org.depthfm.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a batch will do: the input files, where each one's outputs go, and its seed. Outputs
 * mirror the inputs' layout under the output folder ({@code <name>-depth.tif},
 * {@code <name>-uncertainty.tif}, {@code <name>-members.tif}). An image with known depths beside
 * it ({@code <name>.sparse.tif} or {@code <name>.points.csv}) is completed instead: its output is
 * {@code <name>-completed.tif}, in the known depths' unit. Those files are never inputs themselves.
 *
 * <p>Every output is unique to its input, and no output is an input. {@code <name>} is the file
 * name without its extension, except where two inputs would share it in one output folder
 * ({@code scene.png} and {@code scene.tif}): those keep their extension
 * ({@code scene.png-depth.tif}, {@code scene.tif-depth.tif}). Files given by name whose names are
 * the same ({@code d1/img.png}, {@code d2/img.png} with {@code -o out}) go under the folders that
 * tell them apart ({@code out/d1/img-depth.tif}, {@code out/d2/img-depth.tif}). A plan whose
 * output would replace an input, an image's known depths or another output is refused before
 * anything runs, naming both files.
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
        Path rootAbs = root.toAbsolutePath().normalize();
        Path out = output != null ? output : rootAbs.resolveSibling(root.getFileName() + "-depth");
        if (Files.isRegularFile(out)) {
            throw new IllegalArgumentException("the output for a folder must be a folder, and " + out + " is a file");
        }
        Path outAbs = out.toAbsolutePath().normalize();
        if (sameFile(outAbs, rootAbs)) {
            throw new IllegalArgumentException("-o " + output + " is the input folder " + root + " itself: its outputs"
                    + " would become inputs of the next run; give another folder (the default is "
                    + rootAbs.resolveSibling(root.getFileName() + "-depth") + ")");
        }
        List<Path> files;
        try (Stream<Path> s = recursive ? Files.walk(root) : Files.list(root)) {
            // an output folder inside the input folder holds outputs, not inputs
            boolean inside = outAbs.startsWith(rootAbs);
            files = s.filter(Files::isRegularFile).filter(p -> isImage(p.getFileName().toString()))
                    .filter(p -> !inside || !p.toAbsolutePath().normalize().startsWith(outAbs))
                    .sorted(Comparator.comparing(p -> relative(root, p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images in " + root + " (looked for .tif, .png, .jpg and other image"
                    + " files" + (recursive ? ")" : "; --recursive takes sub-folders too)"));
        }
        List<String> rels = files.stream().map(p -> relative(root, p)).toList();
        Set<String> keep = needingExtension(rels);
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            all.add(mirrored(files.get(i), rels.get(i), out, knownDepthsOf(files.get(i)), keep.contains(rels.get(i))));
        }
        Path csv = summary != null ? summary : out.resolve("depthfm-summary.csv");
        requireDistinct(all, csv);
        return new BatchPlan(shard(all, shard), out, csv);
    }

    private static BatchPlan files(List<Path> given, Path output, Shard shard, Path summary) {
        List<Path> inputs = distinct(given);
        boolean outputIsFile = output != null && inputs.size() == 1 && !Files.isDirectory(output)
                && isTiff(output.getFileName().toString());
        if (output != null && !outputIsFile && Files.isRegularFile(output)) {
            throw new IllegalArgumentException("-o " + output + " is a file: give a folder for several images, or a"
                    + " .tif name for one image");
        }
        List<Path> sorted = inputs.stream().sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        List<String> rels = output == null || outputIsFile ? sorted.stream().map(p -> p.getFileName().toString()).toList()
                : apart(sorted);
        Set<String> keep = new HashSet<>();
        if (!outputIsFile) {
            // outputs beside each image share a folder with the images of that folder only
            Map<Path, List<String>> byFolder = new LinkedHashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                Path folder = output != null ? Path.of("") : sorted.get(i).toAbsolutePath().normalize().getParent();
                byFolder.computeIfAbsent(folder, f -> new ArrayList<>()).add(rels.get(i));
            }
            byFolder.values().forEach(r -> keep.addAll(needingExtension(r)));
        }
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Path in = sorted.get(i);
            String rel = rels.get(i);
            Path known = knownDepthsOf(in);
            if (outputIsFile) {
                String stem = stem(output.getFileName().toString());
                Path dir = output.toAbsolutePath().getParent();
                all.add(new Item(in, rel, output, dir.resolve(stem + "-uncertainty.tif"),
                        dir.resolve(stem + "-members.tif"), known));
            } else if (output != null) {
                all.add(mirrored(in, rel, output, known, keep.contains(rel)));
            } else {
                all.add(item(in, rel, in.toAbsolutePath().getParent(), known, keep.contains(rel)));
            }
        }
        requireDistinct(all, summary);
        Path dir = outputIsFile ? output.toAbsolutePath().getParent() : output;
        return new BatchPlan(shard(all, shard), dir, summary);
    }

    private static List<Item> shard(List<Item> all, Shard shard) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (shard.contains(i)) {
                items.add(all.get(i));
            }
        }
        return items;
    }

    /** The inputs with repeats (the same file given twice, e.g. by two overlapping globs) dropped. */
    private static List<Path> distinct(List<Path> inputs) {
        Map<Path, Path> seen = new LinkedHashMap<>();
        for (Path p : inputs) {
            seen.putIfAbsent(key(p), p);
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * The relative paths of files given by name under one output folder: the file name, or where
     * two files share it, the path from the closest folder that holds them all.
     */
    private static List<String> apart(List<Path> sorted) {
        Map<String, List<Path>> byName = new HashMap<>();
        for (Path p : sorted) {
            byName.computeIfAbsent(p.getFileName().toString().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(p);
        }
        List<String> rels = new ArrayList<>();
        for (Path p : sorted) {
            List<Path> same = byName.get(p.getFileName().toString().toLowerCase(Locale.ROOT));
            if (same.size() == 1) {
                rels.add(p.getFileName().toString());
                continue;
            }
            Path common = same.get(0).toAbsolutePath().normalize().getParent();
            for (Path q : same) {
                while (!q.toAbsolutePath().normalize().startsWith(common)) {
                    common = common.getParent();
                }
            }
            rels.add(relative(common, p.toAbsolutePath().normalize()));
        }
        return rels;
    }

    /**
     * Which files keep their extension in their outputs' names: those whose stems are the same in
     * one folder (case aside, as some file systems ignore it), e.g. {@code scene.png} and
     * {@code scene.tif}. Cluster jobs that plan outputs themselves use this too.
     *
     * @param relativePaths the batch's files, '/'-separated relative paths
     * @return the relative paths whose outputs are named with the extension kept
     */
    public static Set<String> needingExtension(List<String> relativePaths) {
        Map<String, List<String>> byStem = new HashMap<>();
        for (String rel : relativePaths) {
            int slash = rel.lastIndexOf('/');
            String key = (rel.substring(0, slash + 1) + stem(rel.substring(slash + 1))).toLowerCase(Locale.ROOT);
            byStem.computeIfAbsent(key, k -> new ArrayList<>()).add(rel);
        }
        Set<String> keep = new HashSet<>();
        byStem.values().stream().filter(v -> v.size() > 1).forEach(keep::addAll);
        return keep;
    }

    /**
     * Refuses a plan in which an output would replace an input (an image or its known depths),
     * another output, or the summary.
     */
    private static void requireDistinct(List<Item> items, Path summary) {
        Map<Path, String> inputs = new HashMap<>();
        for (Item i : items) {
            inputs.put(key(i.source()), "the input " + i.source());
            if (i.knownDepths() != null) {
                inputs.put(key(i.knownDepths()), "the known depths " + i.knownDepths());
            }
        }
        Map<Path, String> outputs = new HashMap<>();
        if (summary != null) {
            outputs.put(key(summary), "the summary " + summary);
        }
        for (Item i : items) {
            for (Path out : List.of(i.depth(), i.uncertainty(), i.members())) {
                Path k = key(out);
                String what = "the output " + out + " of " + i.source();
                String input = inputs.get(k);
                if (input != null) {
                    throw new IllegalArgumentException(what + " would replace " + input + "; give an output (-o) that"
                            + " is not an input");
                }
                String other = outputs.putIfAbsent(k, what);
                if (other != null) {
                    throw new IllegalArgumentException(what + " is also " + other + "; give each input its own output");
                }
            }
        }
        if (summary != null && inputs.containsKey(key(summary))) {
            throw new IllegalArgumentException("the summary " + summary + " would replace " + inputs.get(key(summary))
                    + "; give another --summary");
        }
    }

    /**
     * A path as a key that two names of one file share: absolute, normalised, with links in its
     * existing part resolved (on file systems that ignore case, the real path also has the
     * file's own case).
     */
    static Path key(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                abs = abs.toRealPath();
            } else if (abs.getParent() != null && Files.exists(abs.getParent())) {
                abs = abs.getParent().toRealPath().resolve(abs.getFileName());
            }
        } catch (IOException e) {
            // unreadable links: the normalised path is the best name there is
        }
        return abs;
    }

    /**
     * @param a a path
     * @param b another
     * @return whether they name one file (or would, once it exists): after normalising them and
     *     resolving links in their existing parts
     */
    public static boolean sameFile(Path a, Path b) {
        return key(a).equals(key(b));
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
        return mirrored(source, relativePath, outputRoot, knownDepths, false);
    }

    /**
     * One file of a folder batch, with the extension kept in its outputs' names where
     * {@link #needingExtension} says so.
     *
     * @param source the input file
     * @param relativePath its path relative to the batch root, '/'-separated
     * @param outputRoot the output folder
     * @param knownDepths the known depths beside it, or null
     * @param keepExtension name the outputs after the whole file name ({@code a/b.png-depth.tif})
     * @return the item
     */
    public static Item mirrored(Path source, String relativePath, Path outputRoot, Path knownDepths,
            boolean keepExtension) {
        return item(source, relativePath, outputRoot.resolve(relativePath).getParent(), knownDepths, keepExtension);
    }

    private static Item item(Path source, String rel, Path dir, Path knownDepths, boolean keepExtension) {
        String name = source.getFileName().toString();
        String stem = keepExtension ? name : stem(name);
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
