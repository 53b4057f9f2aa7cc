package org.depthfm.pipeline;

import java.util.SplittableRandom;
import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.depthfm.ops.completion.KnownPoints;

/** Synthetic depth "truths" and sparse samples of them, for the completion tests. */
public final class SyntheticDepth {
    private SyntheticDepth() {
    }

    /**
     * @param w width
     * @param h height
     * @return a smooth scene 1 to 4 units deep (a tilted plane and a bump) that the random tiny model
     *     does not predict
     */
    public static RandomAccessibleInterval<FloatType> scene(int w, int h) {
        RandomAccessibleInterval<FloatType> truth = ArrayImgs.floats(w, h);
        for (Cursor<FloatType> c = Views.flatIterable(truth).localizingCursor(); c.hasNext();) {
            FloatType t = c.next();
            double u = c.getDoublePosition(0) / w;
            double v = c.getDoublePosition(1) / h;
            t.setReal(1 + 2 * u + v * v + Math.exp(-((u - 0.3) * (u - 0.3) + (v - 0.6) * (v - 0.6)) / 0.02));
        }
        return truth;
    }

    /**
     * @param truth the dense depth, (W, H) from (0, 0)
     * @param count how many distinct pixels to take
     * @param seed the random seed
     * @return the truth at that many random pixels
     */
    public static KnownPoints sample(RandomAccessibleInterval<FloatType> truth, int count, long seed) {
        int w = (int) truth.dimension(0);
        int h = (int) truth.dimension(1);
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] taken = new boolean[w * h];
        int[] x = new int[count];
        int[] y = new int[count];
        double[] d = new double[count];
        RandomAccess<FloatType> a = truth.randomAccess();
        for (int i = 0; i < count; i++) {
            int p;
            do {
                p = random.nextInt(w * h);
            } while (taken[p]);
            taken[p] = true;
            x[i] = p % w;
            y[i] = p / w;
            d[i] = a.setPositionAndGet(x[i], y[i]).getRealDouble();
        }
        return new KnownPoints(x, y, d);
    }
}
