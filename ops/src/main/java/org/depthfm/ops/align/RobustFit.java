package org.depthfm.ops.align;

import java.util.Arrays;
import java.util.SplittableRandom;

/** RANSAC over collected pairs, refitted by least squares on the best sample's inliers. */
final class RobustFit {
    private static final Pairs.Consumer IGNORE = (prediction, reference) -> {
    };

    private RobustFit() {
    }

    /** The valid pairs, collected into growing arrays. */
    static final class Samples implements Pairs.Consumer {
        private double[] x = new double[1024];
        private double[] y = new double[1024];
        private int n;

        @Override
        public void accept(double prediction, double reference) {
            if (n == x.length) {
                x = Arrays.copyOf(x, Math.multiplyExact(n, 2));
                y = Arrays.copyOf(y, x.length);
            }
            x[n] = prediction;
            y[n++] = reference;
        }
    }

    static ScaleShift fit(Samples samples, AlignmentModel model, AlignmentSpace space, Ransac ransac) {
        int n = samples.n;
        double[] x = samples.x;
        double[] y = samples.y;
        int minimal = model == AlignmentModel.SCALE ? 1 : 2;
        if (n < minimal) {
            throw new IllegalArgumentException("a robust fit needs at least " + minimal + " valid pixel(s), not "
                    + n + "; check the mask and the reference");
        }
        SplittableRandom random = new SplittableRandom(ransac.seed());
        int best = 0;
        double bestScale = Double.NaN;
        double bestShift = 0;
        for (int it = 0; it < ransac.iterations(); it++) {
            int i = random.nextInt(n);
            double scale;
            double shift = 0;
            if (model == AlignmentModel.SCALE) {
                scale = y[i] / x[i];
            } else {
                int j = random.nextInt(n - 1);
                j += j >= i ? 1 : 0; // a second, different pixel
                scale = (y[j] - y[i]) / (x[j] - x[i]);
                shift = y[i] - scale * x[i];
            }
            // a degenerate sample (equal predictions, or 0 for scale only) gives a non-finite line and no inliers
            int inliers = Double.isFinite(scale) ? inliers(x, y, n, scale, shift, ransac.inlierThreshold(), IGNORE) : 0;
            if (inliers > best) {
                best = inliers;
                bestScale = scale;
                bestShift = shift;
            }
        }
        if (best == 0) {
            throw new IllegalArgumentException("no RANSAC sample gave a usable fit: the prediction is (nearly) "
                    + "constant; check the prediction or use more iterations");
        }
        LeastSquares refit = new LeastSquares();
        inliers(x, y, n, bestScale, bestShift, ransac.inlierThreshold(), refit);
        return refit.solve(model, space);
    }

    /** Counts the inliers of a line among the first n pairs, passing each to {@code sink}. */
    private static int inliers(double[] x, double[] y, int n, double scale, double shift, double threshold,
            Pairs.Consumer sink) {
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (Math.abs(scale * x[k] + shift - y[k]) <= threshold) {
                count++;
                sink.accept(x[k], y[k]);
            }
        }
        return count;
    }
}
