package org.depthfm.engine.flow;

/**
 * The cosine noise schedule of DepthFM's noise augmentation (paper §3): the source point of the
 * flow is {@code sqrt(a) z + sqrt(1 - a) eps} with {@code a = sigmoid(-2 ln(tan(pi s / 2000) + 1e-5))}
 * for the checkpoint's {@code noising_step} s (of 1000). As the official code, a is computed in
 * float64 and rounded to float32 before the square roots.
 */
public final class NoiseSchedule {
    private static final double EPS = 1e-5;
    private static final double DIFFUSION_STEPS = 1000;

    private NoiseSchedule() {
    }

    /**
     * @param noisingStep the noising step s in [0, 1000)
     * @return alpha-bar(s) in float64
     */
    public static double alphaBar(double noisingStep) {
        double t = noisingStep / DIFFUSION_STEPS;
        double logSnr = -2 * Math.log(Math.tan(Math.PI * t / 2) + EPS);
        return 1 / (1 + Math.exp(-logSnr));
    }

    /**
     * @param noisingStep the noising step
     * @return {sqrt(a), sqrt(1 - a)} with a rounded to float32 first, each rounded to float32
     */
    public static float[] mixingWeights(double noisingStep) {
        float a = (float) alphaBar(noisingStep);
        return new float[] {(float) Math.sqrt(a), (float) Math.sqrt(1.0f - a)};
    }
}
