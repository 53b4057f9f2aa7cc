package org.depthfm.imagej.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Mesh;
import org.depthfm.ops.geometry.Meshes;
import org.depthfm.ops.geometry.PointCloud;
import org.depthfm.ops.geometry.PointClouds;
import org.depthfm.ops.geometry.Projection;
import org.depthfm.ops.geometry.Surface;

/**
 * A checked 3D export, ready to build: the surface (views of the images, not copies), the camera
 * and scale, what was kept, and the lines that say how the camera was chosen.
 *
 * @param title the depth image's title without its extension, for names of derived images
 * @param surface the depth with its colour, uncertainty and mask
 * @param projection the camera, depth scale and unit
 * @param options the filters, block size, normals and jump threshold
 * @param counts the pixels kept and dropped, by reason
 * @param notes what was decided, one line each (camera, focal length, units, drops)
 */
public record PreparedSurface(String title, Surface surface, Projection projection, GeometryOptions options,
        Counts counts, List<String> notes) {

    /**
     * The pixels of the depth plane by what happened to them; each dropped pixel counts once, for
     * the first reason in this order.
     *
     * @param pixels all pixels of the plane
     * @param nonFinite NaN or infinite depth
     * @param masked zero in the mask
     * @param outOfRange outside the depth range
     * @param behindCamera depth the camera cannot see (a pinhole sees only depth above 0)
     * @param uncertain uncertainty above the threshold, or NaN while a threshold is set
     */
    public record Counts(long pixels, long nonFinite, long masked, long outOfRange, long behindCamera, long uncertain) {
        /** @return the pixels kept */
        public long kept() {
            return pixels - nonFinite - masked - outOfRange - behindCamera - uncertain;
        }

        /** @return e.g. {@code kept 3000 of 3072 pixels; dropped 72: 70 NaN or infinite, 2 masked} */
        public String describe() {
            List<String> why = new ArrayList<>();
            add(why, nonFinite, "NaN or infinite");
            add(why, masked, "masked");
            add(why, outOfRange, "outside the depth range");
            add(why, behindCamera, "not above 0 (a pinhole camera sees only positive depth)");
            add(why, uncertain, "above the uncertainty threshold");
            return String.format(Locale.ROOT, "kept %d of %d pixels", kept(), pixels)
                    + (why.isEmpty() ? "" : "; dropped " + (pixels - kept()) + ": " + String.join(", ", why));
        }

        private static void add(List<String> why, long n, String reason) {
            if (n > 0) {
                why.add(n + " " + reason);
            }
        }
    }

    /**
     * Checks the parts and copies the notes.
     *
     * @param title the depth image's title without its extension
     * @param surface the depth with its colour, uncertainty and mask
     * @param projection the camera, depth scale and unit
     * @param options the filters, block size, normals and jump threshold
     * @param counts the pixels kept and dropped
     * @param notes what was decided, one line each
     */
    public PreparedSurface {
        notes = List.copyOf(notes);
    }

    /** @return the point cloud, one point per kept pixel or block */
    public PointCloud cloud() {
        return PointClouds.build(surface, projection, options);
    }

    /**
     * @return the mesh on the pixel (or block) grid, without triangles across depth jumps
     * @throws IllegalArgumentException if no triangle is left
     */
    public Mesh mesh() {
        Mesh mesh = Meshes.build(surface, projection, options);
        if (mesh.triangleCount() == 0) {
            throw new IllegalArgumentException("no triangle is left of '" + title + "' (" + counts.describe()
                    + "): a triangle needs three kept neighbours within the depth jump threshold ("
                    + options.maxRelativeJump() + "); export points instead, or raise the threshold");
        }
        return mesh;
    }
}
