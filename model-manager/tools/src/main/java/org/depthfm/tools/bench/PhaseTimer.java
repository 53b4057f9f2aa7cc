package org.depthfm.tools.bench;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.depthfm.engine.flow.Trace;
import org.depthfm.engine.nn.Flops;

/**
 * A {@link Trace} that times the phases of one prediction, and counts their arithmetic, from the
 * intermediates the sampler reports: the encode (from the start to {@code image_latent}, so it
 * includes the input copy), each UNet call ({@code ode_state} to {@code ode_velocity}) and each
 * decode ({@code depth_latent} to {@code decoded}). CPU operators run synchronously; on CUDA,
 * which queues work, each boundary waits for the traced array by reading one value back.
 */
final class PhaseTimer implements Trace {
    /** Seconds and GFLOP of one phase. */
    record Phase(double seconds, double gflop) {
    }

    private final Flops flops;
    private final long start = System.nanoTime();
    private long mark = start;
    private long flopMark;
    private Phase encode = new Phase(Double.NaN, 0);
    private final List<Phase> unet = new ArrayList<>();
    private final List<Phase> decode = new ArrayList<>();

    /** @param flops the counter of the model being timed */
    PhaseTimer(Flops flops) {
        this.flops = flops;
        this.flopMark = flops.count();
    }

    @Override
    public void tensor(String name, NDArray value) {
        if (value.getDevice().isGpu()) {
            value.max().getFloat();
        }
        long now = System.nanoTime();
        long counted = flops.count();
        Phase p = new Phase((now - mark) / 1e9, (counted - flopMark) / 1e9);
        switch (name) {
            case "image_latent" -> encode = new Phase((now - start) / 1e9, p.gflop());
            case "ode_velocity" -> unet.add(p);
            case "decoded" -> decode.add(p);
            default -> {
                // ode_state and depth_latent start the next timed phase
            }
        }
        mark = now;
        flopMark = counted;
    }

    /** @return from the start to the image latent */
    Phase encode() {
        return encode;
    }

    /** @return each UNet call, in order */
    List<Phase> unet() {
        return unet;
    }

    /** @return each decode (one per member batch), in order */
    List<Phase> decode() {
        return decode;
    }

    /** @return seconds since this timer was made */
    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }
}
