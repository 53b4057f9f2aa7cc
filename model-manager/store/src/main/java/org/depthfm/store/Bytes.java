package org.depthfm.store;

import java.util.Locale;

/** Formats byte counts for people: {@code 512 B}, {@code 3.4 MB}, {@code 2.10 GB} (decimal units, as browsers show). */
public final class Bytes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private Bytes() {
    }

    /**
     * @param bytes a byte count
     * @return it in decimal units, e.g. {@code 3.4 MB}
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            return "unknown size";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        String pattern = unit == 0 ? "%.0f %s" : v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, pattern, v, UNITS[unit]);
    }
}
