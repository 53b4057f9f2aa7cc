package org.depthfm.batch;

/**
 * One part of a batch split for job arrays: part {@code index} (1-based) of {@code count}. Items
 * are dealt round-robin over the sorted list, so parts stay balanced and disjoint.
 *
 * @param index the part, 1..count
 * @param count the number of parts
 */
public record Shard(int index, int count) {
    /** The whole batch. */
    public static final Shard ALL = new Shard(1, 1);

    /**
     * @throws IllegalArgumentException if the part is out of range
     */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: use I/N with"
                    + " 1 <= I <= N, e.g. --shard 3/10");
        }
    }

    /**
     * @param spec "I/N", or null for the whole batch
     * @return the shard
     * @throws IllegalArgumentException for a malformed spec
     */
    public static Shard parse(String spec) {
        if (spec == null) {
            return ALL;
        }
        String[] p = spec.trim().split("/");
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard must look like I/N (e.g. 3/10), not '" + spec + "'");
    }

    /**
     * @param position an item's position in the sorted batch, 0-based
     * @return whether this part processes it
     */
    public boolean contains(int position) {
        return position % count == index - 1;
    }
}
