import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inputs of bench/export3d.sh: a W x H metric depth map (a sphere before a wall on a floor, in m,
 * seen by a 60-degree pinhole), its colour image and an uncertainty map. Run with the command
 * line's class path: {@code java -cp "$(cat plugin/cli/target/classpath.txt)" bench/Export3dInputs.java DIR 4000 3000}.
 */
public final class Export3dInputs {
    private Export3dInputs() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int w = Integer.parseInt(args[1]);
        int h = Integer.parseInt(args[2]);
        double f = w / 2.0 / Math.tan(Math.toRadians(30));
        float[] depth = new float[w * h];
        float[] spread = new float[w * h];
        int[] rgb = new int[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double x = (i + 0.5 - w / 2.0) / f;
                double y = (j + 0.5 - h / 2.0) / f;
                double z = 7;
                int c = 0xAAC4DE;
                if (y > 0 && 1 / y < z) {
                    z = 1 / y;
                    c = ((int) Math.floor(x * z * 2) + (int) Math.floor(z * 2) & 1) == 0 ? 0xDECCAA : 0x786046;
                }
                double dd = x * x + y * y + 1;
                double dc = -0.55 * x + 0.35 * y + 3.6;
                double disc = dc * dc - dd * (0.55 * 0.55 + 0.35 * 0.35 + 3.6 * 3.6 - 0.65 * 0.65);
                if (disc >= 0 && (dc - Math.sqrt(disc)) / dd < z) {
                    z = (dc - Math.sqrt(disc)) / dd;
                    c = 0xF08228;
                }
                depth[j * w + i] = (float) z;
                spread[j * w + i] = (float) (0.01 * z);
                rgb[j * w + i] = c;
            }
        }
        ImagePlus d = new ImagePlus("depth", new FloatProcessor(w, h, depth));
        d.getCalibration().setValueUnit("m");
        ImagePlus u = new ImagePlus("uncertainty", new FloatProcessor(w, h, spread));
        u.getCalibration().setValueUnit("m");
        if (!new FileSaver(d).saveAsTiff(dir.resolve("depth.tif").toString())
                || !new FileSaver(u).saveAsTiff(dir.resolve("uncertainty.tif").toString())
                || !new FileSaver(new ImagePlus("photo", new ColorProcessor(w, h, rgb))).saveAsPng(
                        dir.resolve("photo.png").toString())) {
            throw new IllegalStateException("could not write the inputs into " + dir);
        }
    }
}
