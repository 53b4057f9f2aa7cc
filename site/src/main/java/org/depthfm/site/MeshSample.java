package org.depthfm.site;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.depthfm.cli.DepthFmCli;
import org.depthfm.imagej.ImageFiles;

/**
 * The {@code mesh-sample} directive: a synthetic scene (a sphere and a box in front of a wall on a
 * chequered floor, as metric depth in metres and a colour image) is exported by the real command,
 * {@code depthfm export3d … --mesh}, at build time, and the page shows that very file in the
 * offline three.js viewer of {@code site/viewer/} (copied to {@code viewer/}). The PLY's bytes also
 * go into {@code viewer/sample-mesh.js} as base64, because a page opened from disk may not fetch
 * files, but may run scripts.
 */
final class MeshSample {
    static final int W = 128;
    static final int H = 96;
    /** A 60 degree horizontal field of view on 128 pixels. */
    private static final double F = W / 2.0 / Math.tan(Math.toRadians(30));
    static final String PLY = "sample-mesh.ply";
    static final List<String> ARGS = List.of("export3d", "sample-depth.tif", "sample-photo.png", "-o", PLY, "--mesh",
            "--fov", "60");

    private MeshSample() {
    }

    /**
     * Writes the sample's files into {@code viewer/} of the site and returns the viewer's HTML.
     *
     * @param site the site's output folder, with {@code viewer/} already copied
     * @return the figure with the viewer and the command that wrote the file
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException if the command fails
     */
    static String html(Path site) throws IOException {
        Path dir = Files.createDirectories(site.resolve("viewer"));
        float[] depth = new float[W * H];
        BufferedImage photo = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                double[] hit = hit((i + 0.5 - W / 2.0) / F, (j + 0.5 - H / 2.0) / F);
                depth[j * W + i] = (float) hit[0];
                photo.setRGB(i, j, (int) hit[1]);
            }
        }
        ImagePlus d = new ImagePlus("sample-depth", new FloatProcessor(W, H, depth));
        d.getCalibration().setValueUnit("m");
        ImageFiles.saveTiff(d, dir.resolve("sample-depth.tif"));
        ImageIO.write(photo, "png", dir.resolve("sample-photo.png").toFile());
        String[] args = ARGS.stream().map(a -> a.startsWith("sample") ? dir.resolve(a).toString() : a)
                .toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        if (DepthFmCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true)) != 0) {
            throw new IllegalStateException("depthfm export3d failed for the site's sample: " + err);
        }
        byte[] ply = Files.readAllBytes(dir.resolve(PLY));
        Files.writeString(dir.resolve("sample-mesh.js"), "window.DEPTHFM_SAMPLES = window.DEPTHFM_SAMPLES || {};\n"
                + "window.DEPTHFM_SAMPLES['" + PLY + "'] = '" + Base64.getEncoder().encodeToString(ply) + "';\n",
                StandardCharsets.US_ASCII);
        String report = out.toString().replace(dir.toString() + "/", "").strip();
        return "<figure class=\"viewer3d-figure\">\n<div class=\"viewer3d\" data-sample=\"" + PLY + "\">\n"
                + "<p class=\"viewer3d-status\">The 3D view needs JavaScript.</p>\n"
                + "<p><label>Show a PLY file of your own (it stays on this computer): <input type=\"file\""
                + " accept=\".ply\"/></label></p>\n</div>\n"
                + "<figcaption>The mesh that the command below wrote, drawn by your browser (drag to turn, scroll to"
                + " zoom, right-drag to move): a synthetic scene of " + W + "x" + H + " pixels in metres (<a href=\"viewer/"
                + "sample-depth.tif\">depth</a>, <a href=\"viewer/sample-photo.png\">colours</a>, <a href=\"viewer/" + PLY
                + "\">" + PLY + "</a>). The sphere and the box are cut free of the wall: no triangle spans a depth"
                + " jump.</figcaption>\n</figure>\n"
                + "<pre><code>$ depthfm " + Html.esc(String.join(" ", ARGS)) + "\n" + Html.esc(report) + "</code></pre>\n"
                + "<script src=\"viewer/three.min.js\"></script>\n<script src=\"viewer/PLYLoader.js\"></script>\n"
                + "<script src=\"viewer/OrbitControls.js\"></script>\n<script src=\"viewer/sample-mesh.js\"></script>\n"
                + "<script src=\"viewer/viewer.js\"></script>\n";
    }

    /**
     * The nearest surface along the ray {@code (x, y, 1)} of a camera 1 m above the floor: depth
     * (along the optical axis) and colour.
     */
    private static double[] hit(double x, double y) {
        double z = 7;
        int colour = wall(y * 7);
        if (y > 0 && 1 / y < z) {
            z = 1 / y;
            colour = floor(x * z, z);
        }
        if (x * 3 > 0.25 && x * 3 < 0.85 && y * 3 > -0.1 && y * 3 < 1 && 3 < z) {
            z = 3;
            colour = box(x * 3, y * 3);
        }
        double sphere = sphere(x, y);
        if (sphere < z) {
            z = sphere;
            colour = sphereColour(x * z, y * z, z);
        }
        return new double[] {z, colour};
    }

    private static final double[] CENTRE = {-0.55, 0.35, 3.6};
    private static final double RADIUS = 0.65;

    private static double sphere(double x, double y) {
        double dd = x * x + y * y + 1;
        double dc = x * CENTRE[0] + y * CENTRE[1] + CENTRE[2];
        double cc = CENTRE[0] * CENTRE[0] + CENTRE[1] * CENTRE[1] + CENTRE[2] * CENTRE[2];
        double disc = dc * dc - dd * (cc - RADIUS * RADIUS);
        return disc < 0 ? Double.POSITIVE_INFINITY : (dc - Math.sqrt(disc)) / dd;
    }

    private static int wall(double height) {
        int stripe = (int) Math.floor((height + 10) * 4) % 2;
        return rgb(170 + 20 * stripe, 196 + 10 * stripe, 222);
    }

    private static int floor(double x, double z) {
        boolean dark = (Math.floorMod((int) Math.floor(x * 2), 2) ^ Math.floorMod((int) Math.floor(z * 2), 2)) == 1;
        return dark ? rgb(120, 96, 70) : rgb(222, 204, 170);
    }

    private static int box(double x, double y) {
        boolean edge = x < 0.29 || x > 0.81 || y < -0.06 || y > 0.96;
        return edge ? rgb(20, 90, 90) : rgb(40, 160, 150);
    }

    private static int sphereColour(double x, double y, double z) {
        double nx = (x - CENTRE[0]) / RADIUS;
        double ny = (y - CENTRE[1]) / RADIUS;
        double nz = (z - CENTRE[2]) / RADIUS;
        // light from the upper left, in front
        double light = Math.max(0, (-0.4 * nx - 0.6 * ny - 0.7 * nz) / Math.sqrt(0.16 + 0.36 + 0.49));
        double shade = 0.35 + 0.65 * light;
        return rgb(240 * shade, 130 * shade, 40 * shade);
    }

    private static int rgb(double r, double g, double b) {
        return (int) Math.round(r) << 16 | (int) Math.round(g) << 8 | (int) Math.round(b);
    }
}
