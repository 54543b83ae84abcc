package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void percentLooksLikeDms() {
        assertEquals("30.52 %", Progress.percent(3052, 10000, false));
        assertEquals("0.00 %", Progress.percent(5, 0, false));
        assertEquals("100.00 %", Progress.percent(5, 0, true));
        assertEquals("100.00 %", Progress.percent(120, 100, false), "an estimate that was too low never shows > 100 %");
    }

    @Test
    void rateAndTimeLeft() {
        long start = System.nanoTime() - 2_000_000_000L;
        long bps = Progress.bytesPerSecond(2_000_000, start, 0);
        assertTrue(bps > 900_000 && bps <= 1_000_000, "about 1 MB/s: " + bps);
        assertEquals(0, Progress.bytesPerSecond(10, 0, 0), "not started");
        assertEquals(8, Progress.etaSeconds(2_000_000, 10_000_000, 1_000_000, false));
        assertEquals(-1, Progress.etaSeconds(1, 10, 0, false), "unknown rate");
        assertEquals(0, Progress.etaSeconds(1, 10, 0, true));
    }
}
