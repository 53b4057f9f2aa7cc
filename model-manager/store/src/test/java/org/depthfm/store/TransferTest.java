package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransferTest {
    @Test
    void describesBytesAndRate() {
        Transfer known = new Transfer("depthfm-v1.ckpt", 945_000_000L, 2_100_000_000L, 35e6);
        assertEquals("depthfm-v1.ckpt 945 MB / 2.10 GB  35.0 MB/s", known.line());
        assertEquals(0.45, known.fraction(), 1e-12);
        Transfer unknown = new Transfer("vae/config.json", 12_345, -1, 1e6);
        assertEquals("vae/config.json 12.3 kB  1.00 MB/s", unknown.line());
        assertTrue(Double.isNaN(unknown.fraction()));
        assertEquals(1.0, new Transfer("x", 120, 100, 0).fraction());
    }
}
