package io.dm4j.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LivenessTest {
    @Test
    void workerIsAliveUntilItsTtlPasses() {
        AtomicLong now = new AtomicLong();
        Liveness l = new Liveness(now::get);
        l.seen("w1", Duration.ofSeconds(3));
        l.seen("w2", Duration.ofSeconds(10));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(Set.of("w1", "w2"), l.alive());
        now.addAndGet(1);
        assertEquals(Set.of("w2"), l.alive());
        l.seen("w1", Duration.ofSeconds(3));
        assertTrue(l.alive("w1"));
        l.expire("w1");
        assertFalse(l.alive("w1"));
        l.forget("w2");
        assertFalse(l.alive("w2"));
        assertFalse(l.alive("never-seen"));
    }
}
