package org.depthfm.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.depthfm.batch.BatchPlan;
import org.depthfm.batch.BatchJob;

/**
 * What a Spark job will do, as {@link BatchPlan} says it for {@code depthfm estimate}, on any Hadoop
 * file system: the input files with their paths relative to the batch root, the output folder and
 * the summary. The batch root is the folder, the fixed part of a glob ({@code /data} for
 * {@code /data/run-?/img*.tif}) or the folder of a list file; a single image is its own folder's batch.
 * An image's known depths (see {@link BatchPlan}) are found beside it, wherever it was listed from;
 * two images with one stem in a folder keep their extensions in their outputs' names, as in estimate.
 *
 * @param files sorted by relative path
 * @param outputRoot the output folder, qualified (scheme and authority)
 * @param summary the summary CSV, qualified
 */
record JobPlan(List<SourceFile> files, Path outputRoot, Path summary) {
    private static final String GLOB_CHARS = "*?[{";

    /**
     * @param job the job
     * @param conf the Hadoop configuration (Spark's, with its {@code spark.hadoop.*} settings)
     * @return the plan
     * @throws IllegalArgumentException naming a missing input, an empty batch or two files with one output
     * @throws IOException if a file system cannot be read
     */
    static JobPlan of(BatchJob job, Configuration conf) throws IOException {
        Path input = qualified(job.input(), conf);
        FileSystem fs = input.getFileSystem(conf);
        boolean glob = isGlob(input.toUri().getPath());
        if (!glob && !fs.exists(input)) {
            throw new IllegalArgumentException("no such file or folder: " + input);
        }
        boolean folder = !glob && fs.getFileStatus(input).isDirectory();
        Path root = glob ? fixedPart(input) : folder ? input : input.getParent();
        if (job.output() == null && root.isRoot()) {
            throw new IllegalArgumentException("the batch root is " + root + ": give the output folder with -o");
        }
        Path out = job.output() != null ? qualified(job.output(), conf)
                : new Path(root.getParent(), root.getName() + "-depth");
        List<Path> paths = glob ? globbed(fs, input, job.recursive())
                : folder ? images(fs, input, job.recursive())
                : BatchPlan.isImage(input.getName()) ? List.of(input) : listed(fs, input);
        String outPrefix = out.toUri().getPath() + "/";
        List<SourceFile> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path p : paths) {
            if (p.toUri().getPath().startsWith(outPrefix)) {
                continue; // earlier outputs inside the input folder are not inputs
            }
            String rel = relative(root, p);
            if (!seen.add(rel)) {
                throw new IllegalArgumentException("two inputs would write the same outputs: " + rel
                        + " (a list file's entries outside its folder are named by their file name)");
            }
            Path known = knownDepths(fs, p);
            files.add(new SourceFile(p.toUri().toString(), rel, known == null ? null : known.toUri().toString(), false));
        }
        // estimate's rule: scene.png and scene.tif in one folder get scene.png-depth.tif and scene.tif-depth.tif
        Set<String> keep = BatchPlan.needingExtension(files.stream().map(SourceFile::relativePath).toList());
        files.replaceAll(f -> keep.contains(f.relativePath())
                ? new SourceFile(f.uri(), f.relativePath(), f.knownDepthsUri(), true) : f);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images in " + input + " (looked for .tif, .png, .jpg and other image"
                    + " files" + (job.recursive() ? ")" : "; --recursive takes sub-folders too)"));
        }
        files.sort(Comparator.comparing(SourceFile::relativePath));
        Path summary = job.summary() != null ? qualified(job.summary(), conf) : new Path(out, "depthfm-summary.csv");
        return new JobPlan(List.copyOf(files), out, summary);
    }

    /** The first of the image's known-depth files that exists beside it, or null. */
    private static Path knownDepths(FileSystem fs, Path image) throws IOException {
        for (String name : BatchPlan.knownDepthNames(image.getName())) {
            Path p = new Path(image.getParent(), name);
            if (p.getFileSystem(fs.getConf()).isFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path qualified(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(conf).makeQualified(p);
    }

    private static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    private static Path fixedPart(Path glob) {
        Path p = glob;
        while (p.getParent() != null && isGlob(p.toUri().getPath())) {
            p = p.getParent();
        }
        return p;
    }

    /** The images a glob matches; a matched folder gives its images, as a folder input does. */
    private static List<Path> globbed(FileSystem fs, Path glob, boolean recursive) throws IOException {
        FileStatus[] matches = fs.globStatus(glob);
        List<Path> paths = new ArrayList<>();
        for (FileStatus s : matches == null ? new FileStatus[0] : matches) {
            if (s.isDirectory()) {
                paths.addAll(images(fs, s.getPath(), recursive));
            } else if (BatchPlan.isImage(s.getPath().getName())) {
                paths.add(s.getPath());
            }
        }
        return paths;
    }

    private static List<Path> images(FileSystem fs, Path folder, boolean recursive) throws IOException {
        List<Path> paths = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, recursive);
        while (it.hasNext()) {
            Path p = it.next().getPath();
            if (BatchPlan.isImage(p.getName())) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** The entries of a list file: one path or URI a line, relative ones from the list's folder; # comments. */
    private static List<Path> listed(FileSystem fs, Path list) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    Path p = new Path(entry);
                    paths.add(p.isAbsolute() ? p.getFileSystem(fs.getConf()).makeQualified(p)
                            : new Path(list.getParent(), p));
                }
            }
        }
        return paths;
    }

    /** The path below the root, '/'-separated; a file outside it (a list's absolute entry) by its name. */
    private static String relative(Path root, Path file) {
        String prefix = root.toUri().getPath() + "/";
        String path = file.toUri().getPath();
        boolean sameFileSystem = Objects.equals(root.toUri().getScheme(), file.toUri().getScheme())
                && Objects.equals(root.toUri().getAuthority(), file.toUri().getAuthority());
        return sameFileSystem && path.startsWith(prefix) ? path.substring(prefix.length()) : file.getName();
    }
}
