package io.dm4j.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.master.state.WorkerEntry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeepaliveTtlTest {
    private final WorkerEntry registered = new WorkerEntry("w1", "10.0.0.1:8262", 60);

    @Test
    void aHeartbeatAskingForTheRelayTtlKeepsARelayWorkerAliveThatLong() {
        AtomicLong now = new AtomicLong();
        Liveness liveness = new Liveness(now::get);
        liveness.seen("w1", Duration.ofSeconds(KeepaliveTtl.after(registered, 1800)));
        now.set(Duration.ofSeconds(61).toNanos());
        assertTrue(liveness.alive("w1"), "past keepalive-ttl, within relay-keepalive-ttl");
        now.set(Duration.ofSeconds(1801).toNanos());
        assertFalse(liveness.alive("w1"));
    }

    @Test
    void theStoredEntryChangesOnlyWhenTheAskedTtlDiffers() {
        assertEquals(new WorkerEntry("w1", "10.0.0.1:8262", 1800), KeepaliveTtl.changed(registered, 1800));
        assertNull(KeepaliveTtl.changed(registered, 60));
        assertNull(KeepaliveTtl.changed(registered, 0), "0: an older worker that names no TTL keeps the registered one");
        assertEquals(60, KeepaliveTtl.after(registered, 0));
    }
}
