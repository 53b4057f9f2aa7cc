package org.depthfm.store;

import java.time.Duration;
import java.util.Optional;

/**
 * How far the transfer of one file has got.
 *
 * @param file the file's path in the model folder
 * @param bytes bytes of the file present so far (including those of an earlier, resumed attempt)
 * @param total the file's size, or -1 where the server does not say
 * @param bytesPerSecond the recent transfer rate
 * @param done whether this is the file's last report
 */
public record Progress(String file, long bytes, long total, double bytesPerSecond, boolean done) {
    /** @return the share done in [0, 1], if the size is known */
    public Optional<Double> fraction() {
        return total > 0 ? Optional.of(Math.min(1.0, (double) bytes / total)) : Optional.empty();
    }

    /** @return the expected time left, if the size and a rate are known */
    public Optional<Duration> eta() {
        if (total < 0 || bytesPerSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds((long) Math.ceil(Math.max(0, total - bytes) / bytesPerSecond)));
    }
}
