package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.position.BinlogPosition;
import org.junit.jupiter.api.Test;

class ReplicationLagTest {
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000003", 916);
    private static final long NOW = 1_000_000_000L;

    @Test
    void idleUpstreamAllAppliedIsNoLagHoweverOldTheLastEvent() {
        ReplicationLag.Lag lag = ReplicationLag.of(AT, AT, NOW - 2_000, 0, NOW - 3_600_000, NOW);
        assertEquals(new ReplicationLag.Lag(true, 0), lag);
    }

    @Test
    void behindTheUpstreamOrWithRowsPendingIsTheAgeOfTheLastEvent() {
        BinlogPosition ahead = new BinlogPosition("mysql-bin.000003", 2000);
        assertEquals(new ReplicationLag.Lag(false, 42), ReplicationLag.of(AT, ahead, NOW - 1_000, 0, NOW - 42_000, NOW));
        assertEquals(new ReplicationLag.Lag(false, 42), ReplicationLag.of(AT, AT, NOW - 1_000, 5, NOW - 42_000, NOW));
    }

    @Test
    void anUpstreamPositionNotReadLatelyIsNotClaimedCaughtUp() {
        ReplicationLag.Lag lag = ReplicationLag.of(AT, AT, NOW - ReplicationLag.STALE_AFTER_MILLIS - 1, 0, NOW - 600_000, NOW);
        assertEquals(new ReplicationLag.Lag(false, 600), lag);
        assertEquals(new ReplicationLag.Lag(false, 0), ReplicationLag.of(null, null, 0, 0, 0, NOW), "nothing read yet");
    }
}
