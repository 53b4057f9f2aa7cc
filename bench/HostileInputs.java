import java.nio.file.Path;
import org.depthfm.pipeline.HostileFiles;

/**
 * The inputs of bench/hostile.sh. {@code tiny FILE W H}: the 138-byte TIFF of issue 17, declaring
 * an 8-bit RGB image of W x H pixels and holding 16 bytes of them (the tests' own
 * {@link HostileFiles#tinyTiff}). {@code stripes FILE N}: a real N x N 8-bit TIFF of stripes.
 * Run with the command line's class path and the pipeline's test classes, as bench/hostile.sh does.
 */
public final class HostileInputs {
    private HostileInputs() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("tiny")) {
            HostileFiles.tinyTiff(file, Long.parseLong(args[2]), Long.parseLong(args[3]));
            return;
        }
        int n = Integer.parseInt(args[2]);
        ij.process.ByteProcessor p = new ij.process.ByteProcessor(n, n);
        byte[] px = (byte[]) p.getPixels();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                px[y * n + x] = (byte) ((x / 47 + y / 31) * 7);
            }
        }
        if (!new ij.io.FileSaver(new ij.ImagePlus("stripes", p)).saveAsTiff(file.toString())) {
            throw new IllegalStateException("cannot write " + file);
        }
    }
}
