package org.depthfm.cli;

import org.depthfm.batch.SurfaceOutputs;
import org.depthfm.pipeline.EstimateOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The 3D files of a batch's depth maps, shared by {@code estimate} and {@code spark}. */
final class SurfaceOutputArgs {
    @Option(names = "--ply", description = "Also write each depth map as a point cloud, <depth>-points.ply (a stack:"
            + " one per plane, <depth>-points-0001.ply, ...), coloured by the image; 3D options as in export3d.")
    boolean ply;

    @Option(names = "--mesh", description = "Also write each depth map as a triangle mesh, <depth>-mesh.ply, without"
            + " triangles across depth jumps (--max-jump).")
    boolean mesh;

    @Option(names = "--normals", description = "Also write each depth map's surface normals, <depth>-normals.png.")
    boolean normals;

    @Mixin
    SurfaceArgs surface;

    /**
     * @param options the batch's estimate options
     * @return the 3D files asked for
     * @throws IllegalArgumentException for 3D options without a 3D output, or an uncertainty
     *     threshold without the uncertainty
     */
    SurfaceOutputs outputs(EstimateOptions options) {
        if (surface.maxUncertainty != null && !options.uncertainty()) {
            throw new IllegalArgumentException("--max-uncertainty needs the uncertainty: add --uncertainty");
        }
        SurfaceOutputs surfaces = new SurfaceOutputs(ply, mesh, normals, surface.settings(), surface.ply());
        String given = surface.firstGiven();
        if (!surfaces.any() && given != null) {
            throw new IllegalArgumentException(given + " shapes 3D outputs: add --ply, --mesh or --normals, or leave"
                    + " it out");
        }
        return surfaces;
    }
}
