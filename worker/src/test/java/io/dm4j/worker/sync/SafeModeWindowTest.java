package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SafeModeWindowTest {

    private static Location at(long pos) {
        return new Location(new BinlogPosition("mysql-bin.000001", pos), null);
    }

    @Test
    void durationWindowEndsByTheClockWithoutAnyEvent() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SafeModeWindow w = SafeModeWindow.forDuration(Duration.ofSeconds(60), clock);
        assertTrue(w.pending());
        assertTrue(w.pendingAt(null));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(w.pending(), "still inside the 60 s window");
        clock.advance(Duration.ofSeconds(2));
        // No row arrived, so activeAt was never called: status must still see the window closed.
        assertFalse(w.pending(), "the 60 s window is over by the clock");
        assertFalse(w.pendingAt(at(4)), "query-status must show safe mode off after 60 s");
        assertFalse(w.activeAt(at(4)));
    }

    @Test
    void exitLocationWindowEndsOnceTheStreamReadPastItWithoutRows() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SafeModeWindow w = SafeModeWindow.until(at(1000), clock);
        assertTrue(w.pendingAt(at(500)));
        assertTrue(w.pendingAt(at(1000)));
        assertFalse(w.pendingAt(at(1200)), "read past the exit point (heartbeats, other tables): safe mode is over");
        assertTrue(w.activeAt(at(900)));
        assertFalse(w.activeAt(at(1001)));
        assertFalse(w.pending());
    }

    @Test
    void alwaysStaysOn() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SafeModeWindow w = SafeModeWindow.always(clock);
        clock.advance(Duration.ofDays(1));
        assertTrue(w.pendingAt(at(1L << 40)));
        assertTrue(w.activeAt(at(1L << 40)));
    }

    private static Location on(String file, long pos, String mariadbGtid) {
        return new Location(new BinlogPosition(file, pos), io.dm4j.common.position.GtidSet.parse(
                io.dm4j.common.position.Flavor.MARIADB, mariadbGtid));
    }

    @Test
    void anExitPointStoredOnTheOldServerBoundsTheReplayOnTheNewOneByGtid() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        // stored while reading up-bin.000003; the task now reads the replica, whose files and offsets differ
        SafeModeWindow w = SafeModeWindow.until(on("up-bin.000003", 900_000, "0-1-120"), clock);
        assertTrue(w.activeAt(on("rep-bin.000001", 2_000, "0-1-110")), "a transaction before the exit point");
        assertTrue(w.pendingAt(on("rep-bin.000001", 2_000, "0-1-119")));
        assertFalse(w.pendingAt(on("rep-bin.000009", 1_000, "0-1-121")), "past it, whatever the file says");
        assertFalse(w.activeAt(on("rep-bin.000001", 3_000, "0-1-121")),
                "a transaction past the exit point is written normally, though its file sorts before the exit's");
    }
}
