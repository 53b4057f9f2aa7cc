package org.depthfm.model.bench;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.depthfm.model.flow.Trace;

/**
 * A {@link Trace} that times the phases of one prediction from the intermediates the sampler
 * reports: the encode (from the start to {@code image_latent}, so it includes the input copy),
 * each UNet call ({@code ode_state} to {@code ode_velocity}) and each decode ({@code depth_latent}
 * to {@code decoded}). CPU operators run synchronously, so these are wall times of the work; on
 * CUDA they are only the times to queue it.
 */
final class PhaseTimer implements Trace {
    private final long start = System.nanoTime();
    private long mark = start;
    private double encode = Double.NaN;
    private final List<Double> unet = new ArrayList<>();
    private final List<Double> decode = new ArrayList<>();

    @Override
    public void tensor(String name, NDArray value) {
        long now = System.nanoTime();
        switch (name) {
            case "image_latent" -> encode = (now - start) / 1e9;
            case "ode_velocity" -> unet.add((now - mark) / 1e9);
            case "decoded" -> decode.add((now - mark) / 1e9);
            default -> {
                // ode_state and depth_latent start the next timed phase
            }
        }
        mark = now;
    }

    /** @return seconds from the start to the image latent */
    double encode() {
        return encode;
    }

    /** @return seconds per UNet call, in order */
    List<Double> unet() {
        return unet;
    }

    /** @return seconds per decode (one per member batch), in order */
    List<Double> decode() {
        return decode;
    }

    /** @return seconds since this timer was made */
    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }
}
