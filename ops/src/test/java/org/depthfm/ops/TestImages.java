package org.depthfm.ops;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Small helpers the tests share. */
public final class TestImages {
    private TestImages() {
    }

    /** @return the pixel values in flat order (X fastest) */
    public static double[] values(RandomAccessibleInterval<? extends RealType<?>> image) {
        return Views.flatIterable(image).stream().mapToDouble(RealType::getRealDouble).toArray();
    }

    /** @return a mask that is true everywhere */
    public static RandomAccessibleInterval<BitType> all(long... dims) {
        RandomAccessibleInterval<BitType> mask = ArrayImgs.bits(dims);
        mask.forEach(b -> b.set(true));
        return mask;
    }
}
