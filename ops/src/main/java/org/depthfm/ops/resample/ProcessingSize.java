package org.depthfm.ops.resample;

/**
 * The size an image is resized to before the model sees it, by the official rule of
 * {@code inference.py}: {@code f = min(res / W, res / H)}, {@code w = int(W * f)},
 * {@code h = int(H * f)}, then each side {@code round(side / M) * M} with Python's {@code round}
 * (half to even), where {@code M} is the size multiple the network needs (64 for depthfm-v1: the
 * VAE divides by 8 and the UNet by another 8). For example 300x200 gives 320x192 and 150x333 gives
 * 128x320 at {@code res = max(W, H)}.
 *
 * <p>Two guards the official code lacks: a side that would round to 0 (under {@code M / 2}) becomes
 * {@code M}, and {@code res <= 0} means the original size ({@code res = max(W, H)}); the official
 * script does that for negative values only.
 *
 * @param width the processing width, a positive multiple of the size multiple
 * @param height the processing height, a positive multiple of the size multiple
 */
public record ProcessingSize(int width, int height) {

    /**
     * Checks the size.
     *
     * @param width the processing width
     * @param height the processing height
     * @throws IllegalArgumentException if a side is not positive
     */
    public ProcessingSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a processing size must be positive, not " + width + "x" + height);
        }
    }

    /**
     * Applies the official target-size rule.
     *
     * @param width the input width W
     * @param height the input height H
     * @param processingRes the length the longer side is scaled to before rounding; {@code <= 0} for
     *        the original size
     * @param multiple the size multiple M, at least 1 (64 for the real model)
     * @return the processing size
     * @throws IllegalArgumentException if a side or the multiple is not positive, or the result does
     *         not fit an {@code int}
     */
    public static ProcessingSize of(long width, long height, int processingRes, int multiple) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the input size must be positive, not " + width + "x" + height);
        }
        if (multiple < 1) {
            throw new IllegalArgumentException("the size multiple must be at least 1, not " + multiple
                    + "; use 64 for depthfm-v1");
        }
        double res = processingRes > 0 ? processingRes : Math.max(width, height);
        double f = Math.min(res / width, res / height);
        // Python's int() truncates towards zero, as the cast does
        return new ProcessingSize(roundToMultiple((long) (width * f), multiple),
                roundToMultiple((long) (height * f), multiple));
    }

    private static int roundToMultiple(long side, int multiple) {
        // Math.rint rounds half to even, as Python's round() does
        long rounded = (long) Math.rint((double) side / multiple) * multiple;
        if (rounded > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a processing side of " + rounded
                    + " pixels is too large; choose a smaller processing resolution");
        }
        return rounded == 0 ? multiple : (int) rounded;
    }
}
