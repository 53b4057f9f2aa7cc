package org.depthfm.ops;

import net.imglib2.Dimensions;
import net.imglib2.util.Intervals;

/**
 * Argument checks shared by the ops, so that every op words the same problem the same way: each
 * throws an {@link IllegalArgumentException} that names the problem and the fix.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Requires a 2D (X, Y) image.
     *
     * @param what the argument's name, as the message shows it
     * @param image the image's dimensions
     * @throws IllegalArgumentException if the image has other than two dimensions
     */
    public static void requirePlane(String what, Dimensions image) {
        if (image.numDimensions() != 2) {
            throw new IllegalArgumentException(what + " must be a 2D (X, Y) image but is " + size(image)
                    + "; pass one plane (Views.hyperSlice) instead");
        }
    }

    /**
     * Requires two images of equal dimensions.
     *
     * @param what the first argument's name
     * @param image the first image's dimensions
     * @param otherWhat the second argument's name
     * @param other the second image's dimensions
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static void requireSameSize(String what, Dimensions image, String otherWhat, Dimensions other) {
        if (!Intervals.equalDimensions(image, other)) {
            throw new IllegalArgumentException(what + " is " + size(image) + " but " + otherWhat + " is "
                    + size(other) + "; resample one to the other's size first (PilBilinear.resize)");
        }
    }

    /**
     * Formats dimensions as a size.
     *
     * @param image the dimensions
     * @return the size, for example {@code 64x48x3}
     */
    public static String size(Dimensions image) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < image.numDimensions(); d++) {
            s.append(d == 0 ? "" : "x").append(image.dimension(d));
        }
        return s.toString();
    }
}
