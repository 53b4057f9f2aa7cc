package org.depthfm.ops.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessingSizeTest {

    @ParameterizedTest(name = "{0}x{1} at res {2}, M {3} -> {4}x{5}")
    @CsvSource({
        // the examples of the design brief, res = max(W, H)
        "300, 200, -1, 64, 320, 192",
        "150, 333, 0, 64, 128, 320",
        // 4000x3000 at 640: f = 0.16, 640x480 -> 480 / 64 = 7.5 rounds to 8 (half to even)
        "4000, 3000, 640, 64, 640, 512",
        // 160 / 64 = 2.5 rounds to 2, not 3 (half to even); 96 / 64 = 1.5 rounds to 2
        "160, 96, 0, 64, 128, 128",
        // the longer side scales up too: f = min(1024/100, 1024/50) = 10.24
        "100, 50, 1024, 64, 1024, 512",
        // int() truncates: 7 * (61 / 7) is just below 61 in float64, so Python gives 60 (and 26)
        "7, 3, 61, 1, 60, 26",
        // a side under M / 2 would round to 0: guarded to M
        "20, 10, 0, 64, 64, 64",
        "1, 1, 0, 8, 8, 8",
        "1000, 3, 0, 64, 1024, 64",
        // M = 1 keeps the truncated size
        "300, 200, 150, 1, 150, 100"
    })
    void officialRule(long w, long h, int res, int multiple, int expectedW, int expectedH) {
        assertEquals(new ProcessingSize(expectedW, expectedH), ProcessingSize.of(w, h, res, multiple));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ProcessingSize.of(0, 5, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> ProcessingSize.of(5, 5, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessingSize.of(1L << 40, 1, 0, 64));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProcessingSize(0, 64));
    }
}
