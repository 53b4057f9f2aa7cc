package org.depthfm.batch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The noise seed of one batch item: a hash of the run's seed and the item's path relative to the
 * batch root ('/'-separated). It depends on nothing else, so a file gets the same depth whether it
 * runs alone in a folder batch, in a shard of a job array, or in any partition of a cluster job.
 */
public final class ItemSeed {
    private ItemSeed() {
    }

    /**
     * @param seed the run's seed
     * @param relativePath the item's path relative to the batch root, '/'-separated
     * @return the item's seed
     */
    public static long of(long seed, String relativePath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            sha.update(relativePath.replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
