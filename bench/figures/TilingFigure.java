// Regenerates site/images/large/tiling-*.png (after ./mvnw package):
//   java -cp ops/target/depthfm-ops-0.1.0.jar:model-manager/base/target/depthfm-base-0.1.0.jar:$HOME/.m2/repository/net/imglib2/imglib2/7.1.5/imglib2-7.1.5.jar bench/figures/TilingFigure.java site/images/large
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.ImageIO;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.depthfm.base.Progress;
import org.depthfm.ops.resample.PilBilinear;
import org.depthfm.ops.tiles.*;

/** Figure for site/pages/large-images.md: a synthetic scene, tiles with their own scale and shift, merged naively and by TiledRefinement. */
public class TilingFigure {
    static final int W = 768, H = 512, T = 256, O = 64;
    public static void main(String[] a) throws Exception {
        RandomAccessibleInterval<FloatType> known = ArrayImgs.floats(W, H);
        var c = Views.flatIterable(known).cursor();
        while (c.hasNext()) { c.fwd(); double x = c.getDoublePosition(0) / W, y = c.getDoublePosition(1) / H;
            double d = 2 + 1.5 * y + 0.4 * Math.sin(18 * x) * Math.cos(11 * y) + (Math.hypot(x - 0.3, y - 0.55) < 0.12 ? -0.9 : 0);
            c.get().set((float) d); }
        RandomAccessibleInterval<FloatType> global = PilBilinear.resize(PilBilinear.resize(known, W / 8, H / 8), W, H);
        TileLayout layout = new TileLayout(W, H, T, O);
        Random r = new Random(5);
        java.util.Map<Tile, double[]> ab = new java.util.HashMap<>();
        for (Tile t : layout.tiles()) ab.put(t, new double[] {0.7 + 0.7 * r.nextDouble(), -1 + 2 * r.nextDouble()});
        java.util.function.Function<Tile, RandomAccessibleInterval<FloatType>> predict = t -> {
            double[] k = ab.get(t);
            RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(t.width(), t.height());
            var src = Views.flatIterable(Views.interval(known, t.interval())).cursor();
            for (FloatType o : Views.flatIterable(out)) o.set((float) Math.exp(k[0] * Math.log(src.next().get()) + k[1]));
            return out; };
        // naive: each tile's own depth, normalised like a whole image, blended without alignment
        TileMerger naive = new TileMerger(layout);
        for (Tile t : layout.tiles()) naive.add(t, predict.apply(t));
        RandomAccessibleInterval<FloatType> seams = ArrayImgs.floats(W, H);
        naive.result(seams);
        RandomAccessibleInterval<FloatType> merged = ArrayImgs.floats(W, H);
        TiledRefinement.refine(global, layout, (t, p) -> predict.apply(t), Progress.NONE, merged);
        save(global, a[0] + "/tiling-global.png");
        save(seams, a[0] + "/tiling-unaligned.png");
        save(merged, a[0] + "/tiling-merged.png");
    }
    static void save(RandomAccessibleInterval<FloatType> d, String file) throws Exception {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (FloatType t : Views.flatIterable(d)) { lo = Math.min(lo, Math.log(t.get())); hi = Math.max(hi, Math.log(t.get())); }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        var c = Views.flatIterable(d).cursor();
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
            double v = (Math.log(c.next().get()) - lo) / (hi - lo);
            int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
            // magma-like: dark purple to yellow
            int rr = (int) Math.min(255, 30 + 1.1 * g), gg = (int) Math.max(0, Math.min(255, -40 + 1.0 * g)), bb = (int) Math.max(0, 120 - 0.3 * g + 0.2 * g * (1 - v));
            img.setRGB(x, y, rr << 16 | gg << 8 | bb);
        }
        ImageIO.write(img, "png", new File(file));
    }
}
