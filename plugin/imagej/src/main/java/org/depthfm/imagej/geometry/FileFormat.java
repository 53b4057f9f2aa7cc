package org.depthfm.imagej.geometry;

import java.nio.file.Path;
import java.util.Locale;

/** The 3D file formats, chosen by the file name's extension. */
public enum FileFormat {
    /** Stanford PLY: points or a mesh, with colours, normals and the uncertainty. */
    PLY,
    /** Wavefront OBJ: points or a mesh, with vertex colours and normals. */
    OBJ,
    /** Binary STL: triangles only, so always a mesh. */
    STL;

    /**
     * @param file a file name ending in .ply, .obj or .stl (any case)
     * @return its format
     * @throws IllegalArgumentException for any other name
     */
    public static FileFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (FileFormat f : values()) {
            if (name.endsWith("." + f.name().toLowerCase(Locale.ROOT)) && name.length() > 4) {
                return f;
            }
        }
        throw new IllegalArgumentException("the 3D file must end in .ply, .obj or .stl, not " + file.getFileName()
                + " (PLY keeps colours, normals and the uncertainty; STL holds a mesh only)");
    }
}
