package org.depthfm.store;

import java.util.Locale;

/**
 * How far the transfer of one file has got, as the store reports it through
 * {@link org.depthfm.base.Progress#update}: its share done and {@link #line()}.
 *
 * @param file the file's path in the model folder
 * @param bytes bytes of the file present so far (including those of an earlier, resumed attempt)
 * @param total the file's size, or -1 where the server does not say
 * @param bytesPerSecond the recent transfer rate
 */
record Transfer(String file, long bytes, long total, double bytesPerSecond) {
    /** @return the share done in [0, 1], or NaN if the size is unknown */
    double fraction() {
        return total > 0 ? Math.min(1.0, (double) bytes / total) : Double.NaN;
    }

    /**
     * @return e.g. {@code depthfm-v1.ckpt 945 MB / 2.10 GB  35.0 MB/s}; front-ends add the bar and the time left
     */
    String line() {
        StringBuilder s = new StringBuilder(file).append(' ').append(Bytes.format(bytes));
        if (total > 0) {
            s.append(" / ").append(Bytes.format(total));
        }
        if (bytesPerSecond > 0) {
            s.append(String.format(Locale.ROOT, "  %s/s", Bytes.format((long) bytesPerSecond)));
        }
        return s.toString();
    }
}
