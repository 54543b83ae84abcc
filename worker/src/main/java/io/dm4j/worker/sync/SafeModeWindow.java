package io.dm4j.worker.sync;

import io.dm4j.common.position.Location;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides, per event, whether changes are written idempotently (safe mode). Safe mode is on all the time with
 * {@code syncers.safe-mode: true}; otherwise it covers events that may already have been applied downstream: up to
 * an exit location (the furthest point possibly applied before an unclean stop, or the end of a dump), or, when that
 * location is unknown, for a wall-clock duration.
 */
final class SafeModeWindow {
    private final boolean always;
    private final Clock clock;
    private Location until;
    private Instant deadline;

    private SafeModeWindow(boolean always, Location until, Instant deadline, Clock clock) {
        this.always = always;
        this.until = until;
        this.deadline = deadline;
        this.clock = clock;
    }

    static SafeModeWindow always(Clock clock) {
        return new SafeModeWindow(true, null, null, clock);
    }

    static SafeModeWindow off(Clock clock) {
        return new SafeModeWindow(false, null, null, clock);
    }

    /** On until the stream has passed {@code exit} (exclusive of events at or before it). */
    static SafeModeWindow until(Location exit, Clock clock) {
        return new SafeModeWindow(false, exit, null, clock);
    }

    /** On for {@code duration} of wall-clock time from now. */
    static SafeModeWindow forDuration(Duration duration, Clock clock) {
        return new SafeModeWindow(false, null, clock.instant().plus(duration), clock);
    }

    /** Whether an event that ends at {@code location} is written in safe mode; closes the window once passed. */
    boolean activeAt(Location location) {
        if (always) {
            return true;
        }
        if (until != null) {
            if (location.position().compareTo(until.position()) <= 0) {
                return true;
            }
            until = null;
        }
        if (deadline != null) {
            if (clock.instant().isBefore(deadline)) {
                return true;
            }
            deadline = null;
        }
        return false;
    }

    /** Whether the window may still be open (for status and for clearing the stored exit point once passed). */
    boolean pending() {
        return always || until != null || deadline != null;
    }

    @Override
    public String toString() {
        return always ? "always" : until != null ? "until " + until : deadline != null ? "until " + deadline : "off";
    }
}
