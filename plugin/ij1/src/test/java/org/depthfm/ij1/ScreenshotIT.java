package org.depthfm.ij1;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.depthfm.base.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Screenshots of ImageJ after running Estimate Depth from its menu on a stack (for the README
 * and the site), taken in a separate ImageJ 1 on a virtual display; they land in
 * {@code target/screenshots/} under the names of the site's slots ({@code site/screenshots.sh}).
 */
class ScreenshotIT {
    @Test
    void imageJShowsTheStackItsDepthAndUncertainty() throws Exception {
        Path target = Paths.get("target").toAbsolutePath();
        Path out = target.resolve("screenshots");
        ImagePlus pic = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        // 1.5 x the fixture, shown zoomed: the tiny model attends over every latent pixel, so keep it small
        ImageStack stack = new ImageStack(96, 72);
        for (int i = 0; i < 3; i++) {
            ColorProcessor cp = (ColorProcessor) pic.getProcessor().duplicate();
            cp.translate(3 * i, i);
            cp.setInterpolationMethod(ij.process.ImageProcessor.BILINEAR);
            stack.addSlice("t" + i, cp.resize(96, 72));
        }
        Files.createDirectories(out);
        Path movie = out.resolve("scene.tif");
        new FileSaver(new ImagePlus("scene", stack)).saveAsTiffStack(movie.toString());
        Path ij = ImageJ1Folder.get();
        String cp = ij.resolve("ij.jar") + File.pathSeparator + target.resolve("test-classes");
        List<String> cmd = List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                ImageJ1Folder.java(), "-Dai.djl.offline=true",
                "-Dplugins.dir=" + ij, "-cp", cp, Screenshots.class.getName(), movie.toString(),
                Fixtures.tiny().toString(), out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(480, TimeUnit.SECONDS);
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done && p.exitValue() == 0, log);
        for (String name : new String[] {"estimate-dialog.png", "estimate-result.png"}) {
            BufferedImage img = ImageIO.read(out.resolve(name).toFile());
            assertTrue(img.getWidth() > 200 && img.getHeight() > 150, name + " is too small");
        }
    }
}
