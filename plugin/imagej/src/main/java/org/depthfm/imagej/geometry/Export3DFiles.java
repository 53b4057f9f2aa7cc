package org.depthfm.imagej.geometry;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import org.depthfm.base.AtomicFile;
import org.depthfm.ops.geometry.Mesh;
import org.depthfm.ops.geometry.Normals;
import org.depthfm.ops.geometry.Orthographic;
import org.depthfm.ops.geometry.PointCloud;
import org.depthfm.ops.geometry.io.Obj;
import org.depthfm.ops.geometry.io.Ply;
import org.depthfm.ops.geometry.io.PlyFormat;
import org.depthfm.ops.geometry.io.Stl;

/**
 * A prepared surface on disk: a PLY, OBJ or STL file, and its normal map as a PNG or TIFF. Each file
 * is written whole or not at all ({@link AtomicFile}); paths are checked before anything is built,
 * so a folder that cannot be written costs nothing.
 */
public final class Export3DFiles {
    private Export3DFiles() {
    }

    /**
     * What was written.
     *
     * @param file the file
     * @param format its format
     * @param mesh whether it holds a mesh (else points)
     * @param points the points, or the mesh's vertices
     * @param triangles the mesh's triangles, 0 for points
     */
    public record Written(Path file, FileFormat format, boolean mesh, int points, int triangles) {
        /** @return e.g. {@code out.ply: mesh of 3000 vertices and 5800 triangles} */
        public String describe() {
            return String.format(Locale.ROOT, "%s: %s", file, mesh ? "mesh of " + points + " vertices and " + triangles
                    + " triangles" : points + " points");
        }
    }

    /**
     * Writes points or a mesh; an STL file always holds the mesh, STL having no points.
     *
     * @param surface the prepared surface
     * @param mesh whether to write the mesh rather than the points
     * @param file the file, its format chosen by its extension ({@link FileFormat#of})
     * @param ply the PLY encoding (ignored for OBJ and STL)
     * @return what was written
     * @throws IllegalArgumentException if the name has no 3D extension, the place cannot be
     *         written, or a mesh has no triangle
     * @throws UncheckedIOException if writing fails; nothing is left behind then
     */
    public static Written write(PreparedSurface surface, boolean mesh, Path file, PlyFormat ply) {
        requireWritable(file);
        FileFormat format = FileFormat.of(file);
        boolean asMesh = mesh || format == FileFormat.STL;
        try {
            if (asMesh) {
                Mesh m = surface.mesh();
                AtomicFile.writeStream(file, out -> {
                    switch (format) {
                        case PLY -> Ply.write(m, out, ply);
                        case OBJ -> Obj.write(m, out);
                        case STL -> Stl.write(m, out);
                    }
                });
                return new Written(file, format, true, m.vertices().count(), m.triangleCount());
            }
            PointCloud cloud = surface.cloud();
            AtomicFile.writeStream(file, out -> {
                if (format == FileFormat.PLY) {
                    Ply.write(cloud, out, ply);
                } else {
                    Obj.write(cloud, out);
                }
            });
            return new Written(file, format, false, cloud.count(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFile.reason(e), e);
        }
    }

    /**
     * The normal map of the kept pixels (or blocks): {@code (n + 1) / 2} per channel in the usual
     * normal-map frame, a surface facing the camera light blue (128, 128, 255), black where there is
     * no normal ({@link Normals#normalMap}). Calibrated like the depth, scaled by the block size.
     *
     * @param surface the prepared surface
     * @return a new RGB image, not shown
     */
    public static ImagePlus normalMap(PreparedSurface surface) {
        int block = surface.options().blockSize();
        int w = (int) ((surface.surface().depth().dimension(0) + block - 1) / block);
        int h = (int) ((surface.surface().depth().dimension(1) + block - 1) / block);
        ArrayImg<UnsignedByteType, ByteArray> rgb = ArrayImgs.unsignedBytes(w, h, 3);
        Normals.normalMap(surface.surface(), surface.projection(), surface.options(), rgb);
        byte[] planes = rgb.update(null).getCurrentStorageArray();
        int n = w * h;
        ColorProcessor cp = new ColorProcessor(w, h);
        cp.setRGB(Arrays.copyOfRange(planes, 0, n), Arrays.copyOfRange(planes, n, 2 * n),
                Arrays.copyOfRange(planes, 2 * n, 3 * n));
        ImagePlus imp = new ImagePlus(surface.title() + "-normals", cp);
        if (surface.projection().camera() instanceof Orthographic o
                && !o.unit().equals(Orthographic.PIXEL)) {
            Calibration cal = imp.getCalibration();
            cal.pixelWidth = o.pixelWidth() * block;
            cal.pixelHeight = o.pixelHeight() * block;
            cal.setUnit(o.unit());
        }
        return imp;
    }

    /**
     * Writes the normal map.
     *
     * @param surface the prepared surface
     * @param file a .png or .tif file
     * @throws IllegalArgumentException if the name is neither, or the place cannot be written
     * @throws UncheckedIOException if writing fails; nothing is left behind then
     */
    public static void saveNormalMap(PreparedSurface surface, Path file) {
        requireWritable(file);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = name.endsWith(".png");
        if (!png && !name.matches(".+\\.tiff?")) {
            throw new IllegalArgumentException("the normal map must be a .png or .tif file, not " + file.getFileName());
        }
        ImagePlus map = normalMap(surface);
        try {
            AtomicFile.write(file, tmp -> {
                FileSaver saver = new FileSaver(map);
                if (!(png ? saver.saveAsPng(tmp.toString()) : saver.saveAsTiff(tmp.toString()))) {
                    throw new IOException("ImageJ could not write the image (disk full or no permission?)");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFile.reason(e), e);
        }
    }

    /**
     * Checks that a file can be created: not a folder, and its nearest existing parent a writable
     * folder. Run before the work, so a bad path is reported at once.
     *
     * @param file the file to write
     * @throws IllegalArgumentException naming the problem and the fix
     */
    public static void requireWritable(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot write " + file + ": it is a folder; give a file name, e.g. "
                    + target.resolve("out.ply"));
        }
        Path parent = target.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write " + file + ": " + parent + " is a file, not a folder;"
                    + " choose a path in a folder");
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException("cannot write " + file + ": the folder " + parent + " is not writable"
                    + " (permission denied); choose another folder");
        }
    }
}
