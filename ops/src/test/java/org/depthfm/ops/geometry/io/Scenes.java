package org.depthfm.ops.geometry.io;

import org.depthfm.ops.geometry.Depths;
import org.depthfm.ops.geometry.GeometryOptions;
import org.depthfm.ops.geometry.Orthographic;
import org.depthfm.ops.geometry.Pinhole;
import org.depthfm.ops.geometry.Projection;
import org.depthfm.ops.geometry.Surface;

/** Small surfaces with known geometry for the writers' tests. */
final class Scenes {
    /** 0.5 x 0.25 µm pixels. */
    static final Projection MICROMETRES = Projection.metric(new Orthographic(0.5, 0.25, "µm"));
    /** A centred pinhole of f = 5 px for a 5x4 image, in metres. */
    static final Projection PINHOLE = Projection.metric(new Pinhole(5, 5, 2.5, 2), "m");
    static final GeometryOptions DEFAULTS_WITHOUT_NORMALS = GeometryOptions.DEFAULTS.withNormals(false);

    private Scenes() {
    }

    /**
     * 4x3 pixels under {@link #MICROMETRES} with {@code z = 1 + 0.5 i + 0.25 j = 1 + x + y} µm: point
     * {@code (i, j)} is {@code (0.5 i, 0.25 j, 1 + 0.5 i + 0.25 j)}, its normal
     * {@code (1, 1, -1) / sqrt 3}, its colour {@code (10 i, 20 j, 200)}, its uncertainty
     * {@code 0.01 (i + 4 j)}.
     */
    static Surface tilted() {
        return Surface.of(Depths.of(4, 3, (i, j) -> 1 + 0.5 * i + 0.25 * j))
                .withColour(Depths.of(4, 3, (i, j) -> 10 * i), Depths.of(4, 3, (i, j) -> 20 * j),
                        Depths.of(4, 3, (i, j) -> 200))
                .withUncertainty(Depths.of(4, 3, (i, j) -> 0.01 * (i + 4 * j)));
    }

    /**
     * A 5x4 plane at Z = 2 under {@link #PINHOLE}: 24 triangles facing -Z, pixel {@code (i, j)} at
     * {@code ((i - 2) * 0.4, (j - 1.5) * 0.4, 2)}.
     */
    static Surface plane() {
        return Surface.of(Depths.of(5, 4, (i, j) -> 2));
    }
}
