package org.depthfm.ops.geometry;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Synthetic depth images from analytic functions, shared by the geometry tests. */
public final class Depths {
    private Depths() {
    }

    /** A depth of one pixel index pair. */
    @FunctionalInterface
    public interface PixelFunction {
        double at(int i, int j);
    }

    /** @return a {@code w x h} float image with {@code f(i, j)} at pixel {@code (i, j)} */
    public static RandomAccessibleInterval<FloatType> of(int w, int h, PixelFunction f) {
        RandomAccessibleInterval<FloatType> image = ArrayImgs.floats(w, h);
        Cursor<FloatType> c = Views.flatIterable(image).localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            c.get().setReal(f.at(c.getIntPosition(0), c.getIntPosition(1)));
        }
        return image;
    }

    /**
     * The depth of the plane {@code Z = a X + b Y + c} under a pinhole, solved on each pixel's
     * ray: with {@code X = rx Z, Y = ry Z}, {@code Z = c / (1 - a rx - b ry)}.
     */
    public static RandomAccessibleInterval<FloatType> tiltedPlane(int w, int h, Pinhole camera, double a, double b,
            double c) {
        return of(w, h, (i, j) -> {
            double rx = (i + 0.5 - camera.cx()) / camera.fx();
            double ry = (j + 0.5 - camera.cy()) / camera.fy();
            return c / (1 - a * rx - b * ry);
        });
    }
}
