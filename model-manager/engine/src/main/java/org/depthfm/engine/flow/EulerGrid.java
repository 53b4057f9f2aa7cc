package org.depthfm.engine.flow;

/**
 * The time grid on which the official {@code DepthFM.generate} integrates (torchdiffeq's fixed
 * grid for {@code method="euler", step_size=1/N} on [0, 1]), reproduced in float32 arithmetic:
 * {@code niters = ceil(1 / s + 1)}, {@code t_k = k * s}, last point forced to 1. For some N this
 * grid has a point at or past 1 before its last one; the solution at t = 1 is then the linear
 * interpolation inside that step, and torchdiffeq's remaining step does not change it.
 */
public final class EulerGrid {
    private EulerGrid() {
    }

    /**
     * @param numSteps N, the number of Euler steps asked for
     * @return the float32 grid points, first 0, last 1
     */
    public static float[] points(int numSteps) {
        if (numSteps < 1) {
            throw new IllegalArgumentException("the number of steps must be at least 1, not " + numSteps);
        }
        float step = (float) (1.0 / numSteps);
        float span = 1.0f;
        int n = (int) Math.ceil(span / step + 1.0f);
        float[] t = new float[n];
        for (int k = 0; k < n; k++) {
            t[k] = k * step;
        }
        t[n - 1] = 1.0f;
        return t;
    }

    /**
     * @param numSteps N
     * @return how many velocity evaluations reach t = 1 (N, or fewer if a grid point lands past 1 early)
     */
    public static int evaluations(int numSteps) {
        float[] t = points(numSteps);
        for (int k = 1; k < t.length; k++) {
            if (t[k] >= 1.0f) {
                return k;
            }
        }
        return t.length - 1;
    }
}
