package io.dm4j.worker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KeepaliveTtlsTest {
    @Test
    void relayKeepaliveTtlAppliesWhileTheWorkerPullsARelayLog() {
        AtomicBoolean relay = new AtomicBoolean();
        KeepaliveTtls ttls = new KeepaliveTtls(Duration.ofSeconds(60), Duration.ofSeconds(1800), relay::get);
        assertEquals(Duration.ofSeconds(60), ttls.current(), "keepalive-ttl without a relay");
        relay.set(true);
        assertEquals(Duration.ofSeconds(1800), ttls.current(), "relay-keepalive-ttl while the relay exists");
        relay.set(false);
        assertEquals(Duration.ofSeconds(60), ttls.current(), "back after stop-relay");
        assertEquals(Duration.ofSeconds(60), ttls.shortest(), "heartbeats are paced by the shorter TTL");
        assertEquals(Duration.ofSeconds(5),
                new KeepaliveTtls(Duration.ofSeconds(60), Duration.ofSeconds(5), relay::get).shortest());
    }
}
