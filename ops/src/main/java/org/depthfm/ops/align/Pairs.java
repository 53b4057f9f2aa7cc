package org.depthfm.ops.align;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;

import org.depthfm.ops.Checks;

/** The (prediction, reference in the fit's space) pairs of the valid pixels of an alignment. */
final class Pairs {
    /** Receives one valid pair. */
    @FunctionalInterface
    interface Consumer {
        void accept(double prediction, double reference);
    }

    private Pairs() {
    }

    /**
     * Visits the pixels where the mask is true, the prediction finite and the reference accepted by
     * the space, in flat order.
     */
    static <P extends RealType<P>, R extends RealType<R>, B extends BooleanType<B>> void forEach(
            RandomAccessibleInterval<P> prediction, RandomAccessibleInterval<R> reference,
            RandomAccessibleInterval<B> mask, AlignmentSpace space, Consumer consumer) {
        Checks.requireSameSize("the prediction", prediction, "the reference", reference);
        Checks.requireSameSize("the prediction", prediction, "the mask", mask);
        LoopBuilder.setImages(prediction, reference, mask).flatIterationOrder().forEachPixel((p, r, m) -> {
            double x = p.getRealDouble();
            double d = r.getRealDouble();
            if (m.get() && Double.isFinite(x) && space.accepts(d)) {
                consumer.accept(x, space.toSpace(d));
            }
        });
    }
}
