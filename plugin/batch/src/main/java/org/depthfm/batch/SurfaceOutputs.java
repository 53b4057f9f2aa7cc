package org.depthfm.batch;

import ij.ImagePlus;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depthfm.base.AtomicFile;
import org.depthfm.base.Progress;
import org.depthfm.imagej.ImageHeader;
import org.depthfm.imagej.geometry.Export3D;
import org.depthfm.imagej.geometry.Export3DFiles;
import org.depthfm.imagej.geometry.ExportSettings;
import org.depthfm.imagej.geometry.PreparedSurface;
import org.depthfm.imagej.geometry.SurfaceSource;
import org.depthfm.ops.geometry.io.Ply;
import org.depthfm.ops.geometry.io.PlyFormat;

/**
 * The 3D files a batch writes from each depth map it makes, beside the depth and named after it:
 * {@code <depth>-points.ply}, {@code <depth>-mesh.ply} and {@code <depth>-normals.png}
 * ({@code scene-depth-mesh.ply} for {@code scene-depth.tif}); a stack gets one file per plane,
 * numbered from 1 over slices then frames ({@code scene-depth-mesh-0001.ply}). The colours are the
 * input image's, the uncertainty the batch's when it computes one, the camera as
 * {@link Export3D} chooses it (estimated depth is relative; completed depth has the known depths'
 * unit, and a photo's EXIF gives the focal length).
 *
 * @param points write the point cloud
 * @param mesh write the triangle mesh
 * @param normals write the normal map
 * @param settings camera, lens, unit and geometry options
 * @param ply binary or ASCII PLY
 */
public record SurfaceOutputs(boolean points, boolean mesh, boolean normals, ExportSettings settings, PlyFormat ply)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No 3D file. */
    public static final SurfaceOutputs NONE = new SurfaceOutputs(false, false, false, ExportSettings.DEFAULTS,
            PlyFormat.BINARY_LITTLE_ENDIAN);

    /**
     * @throws IllegalArgumentException if the settings or format are missing
     */
    public SurfaceOutputs {
        if (settings == null || ply == null) {
            throw new IllegalArgumentException("3D outputs need export settings and a PLY format");
        }
    }

    /** @return whether any 3D file is written */
    public boolean any() {
        return points || mesh || normals;
    }

    /** The kinds of 3D file, each with its name's part and extension. */
    private enum Kind {
        POINTS("points", ".ply"), MESH("mesh", ".ply"), NORMALS("normals", ".png");

        final String part;
        final String extension;

        Kind(String part, String extension) {
            this.part = part;
            this.extension = extension;
        }
    }

    /** A 3D file's name: the depth's stem, the kind, the plane's number for a stack, the extension. */
    private static final Pattern NAME = Pattern.compile("(.+)-(points|mesh|normals)(-\\d{4,})?(\\.ply|\\.png)");

    private boolean wanted(Kind kind) {
        return switch (kind) {
            case POINTS -> points;
            case MESH -> mesh;
            case NORMALS -> normals;
        };
    }

    /**
     * @param depth a depth output
     * @param planes its planes
     * @return the 3D files it gets, plane by plane
     */
    public List<Path> files(Path depth, long planes) {
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            for (Kind kind : Kind.values()) {
                if (wanted(kind)) {
                    files.add(file(depth, kind, p, planes));
                }
            }
        }
        return files;
    }

    private static Path file(Path depth, Kind kind, int plane, long planes) {
        String number = planes == 1 ? ""
                : String.format(Locale.ROOT, "-%0" + Math.max(4, Long.toString(planes).length()) + "d", plane + 1);
        return depth.resolveSibling(BatchPlan.stem(depth.getFileName().toString()) + "-" + kind.part + number
                + kind.extension);
    }

    /**
     * Refuses a plan in which a 3D file would replace an input (a normal map is a PNG, and PNGs are
     * inputs), before anything runs.
     *
     * @param plan the plan
     * @throws IllegalArgumentException naming both files
     */
    public void requireNoInputReplaced(BatchPlan plan) {
        if (!any()) {
            return;
        }
        Map<Path, BatchPlan.Item> byDepth = new HashMap<>();
        plan.items().forEach(i -> byDepth.put(BatchPlan.key(i.depth()), i));
        for (BatchPlan.Item input : plan.items()) {
            Matcher m = NAME.matcher(input.source().getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            for (String ext : List.of(".tif", ".tiff")) {
                BatchPlan.Item item = byDepth.get(BatchPlan.key(input.source().resolveSibling(m.group(1) + ext)));
                if (item != null && owns(item).test(input.source())) {
                    throw new IllegalArgumentException("the 3D output " + input.source().getFileName() + " of "
                            + item.source() + " would replace the input " + input.source() + "; give an output (-o)"
                            + " elsewhere, or rename that image");
                }
            }
        }
    }

    /**
     * @param item a file of the batch
     * @return whether a file is (or would be) one of the item's 3D files that these outputs write,
     *     for any number of planes
     */
    Predicate<Path> owns(BatchPlan.Item item) {
        Path depth = item.depth();
        String stem = BatchPlan.stem(depth.getFileName().toString());
        return f -> {
            Matcher m = NAME.matcher(f.getFileName().toString());
            if (!m.matches() || !m.group(1).equals(stem)) {
                return false;
            }
            Kind kind = Kind.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            return wanted(kind) && m.group(4).equals(kind.extension)
                    && BatchPlan.sameFile(f.resolveSibling(depth.getFileName()), depth);
        };
    }

    /**
     * Writes the 3D files of a depth map just written.
     *
     * @param depth the depth image (one plane per input plane)
     * @param depthFile where it was written
     * @param image the input image, for colours
     * @param uncertainty the uncertainty image, or null
     * @param photo the input file, whose EXIF may give the focal length
     * @param progress checked between planes
     * @return a line saying what was written and how the camera was chosen
     * @throws IllegalArgumentException naming a plane with nothing to export
     */
    public String write(ImagePlus depth, Path depthFile, ImagePlus image, ImagePlus uncertainty, Path photo,
            Progress progress) {
        int planes = depth.getNSlices() * depth.getNFrames();
        List<String> notes = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            progress.checkCancelled();
            PreparedSurface surface;
            try {
                surface = Export3D.prepare(new SurfaceSource(depth, p, image, uncertainty, null, photo), settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("3D" + (planes == 1 ? "" : " of plane " + (p + 1)) + ": "
                        + e.getMessage(), e);
            }
            if (p == 0) {
                // the counts differ by plane; the camera's lines are the batch's
                surface.notes().stream().filter(n -> !n.startsWith("kept ")).forEach(notes::add);
            }
            for (Kind kind : Kind.values()) {
                if (!wanted(kind)) {
                    continue;
                }
                Path f = file(depthFile, kind, p, planes);
                if (kind == Kind.NORMALS) {
                    Export3DFiles.saveNormalMap(surface, f);
                } else {
                    Export3DFiles.write(surface, kind == Kind.MESH, f, ply);
                }
            }
        }
        List<Path> files = files(depthFile, planes);
        return "3D: " + (files.size() == 1 ? files.get(0).getFileName() : files.size() + " files") + " ("
                + String.join("; ", notes) + ")";
    }

    /**
     * @param depthFile an existing, complete depth output
     * @param header its header
     * @return null when every 3D file of it is there and whole, else why not
     */
    String problem(Path depthFile, ImageHeader header) {
        int block = settings.options().blockSize();
        for (Path f : files(depthFile, header.planes())) {
            String name = f.getFileName().toString();
            if (!Files.exists(f)) {
                return name + " was missing";
            }
            try {
                if (name.endsWith(".ply")) {
                    String problem = Ply.problem(f);
                    if (problem != null) {
                        return name + " " + problem;
                    }
                } else {
                    ImageHeader png = ImageHeader.read(f);
                    if (png == null || png.width() != (header.width() + block - 1) / block
                            || png.height() != (header.height() + block - 1) / block) {
                        return name + " did not fit the depth";
                    }
                }
            } catch (IOException e) {
                return name + " could not be read (" + AtomicFile.reason(e) + ")";
            } catch (RuntimeException e) {
                return name + " was damaged or half-written";
            }
        }
        return null;
    }
}
