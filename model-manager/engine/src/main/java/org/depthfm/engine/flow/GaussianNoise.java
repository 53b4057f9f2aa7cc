package org.depthfm.engine.flow;

import java.util.SplittableRandom;

/**
 * Seeded standard-normal noise generated in Java (Box-Muller over {@link SplittableRandom}, with
 * {@link StrictMath}), so that a seed gives the same noise on every machine, device and JVM, and
 * the same depth whatever the batching of the ensemble members.
 */
public final class GaussianNoise {
    private GaussianNoise() {
    }

    /**
     * @param seed the seed
     * @param count how many values
     * @return {@code count} independent N(0, 1) samples
     */
    public static float[] sample(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i += 2) {
            double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log stays finite
            double u2 = rng.nextDouble();
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            out[i] = (float) (r * StrictMath.cos(2 * StrictMath.PI * u2));
            if (i + 1 < count) {
                out[i + 1] = (float) (r * StrictMath.sin(2 * StrictMath.PI * u2));
            }
        }
        return out;
    }
}
