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
 *
 * <p>The dispatcher thread calls {@link #activeAt}; status readers call {@link #pendingAt} from other threads, so
 * the bounds are volatile and a reader never needs an event to see the window close: the duration ends by the
 * clock, the exit location once the stream has read past it.
 *
 * <p>Locations compare by their GTID sets when both carry one ({@link Location#compareTo}): after a switch to another
 * upstream server (enable-gtid) an exit location stored on the old server still bounds the replay, where its file
 * and position would mean nothing.
 */
final class SafeModeWindow {
    private final boolean always;
    private final Clock clock;
    private volatile Location until;
    private volatile Instant deadline;

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
        Location u = until;
        if (u != null) {
            if (location.compareTo(u) <= 0) {
                return true;
            }
            until = null;
        }
        Instant d = deadline;
        if (d != null) {
            if (clock.instant().isBefore(d)) {
                return true;
            }
            deadline = null;
        }
        return false;
    }

    /** Whether the window may still be open (for clearing the stored exit point at start); the clock counts. */
    boolean pending() {
        Instant d = deadline;
        return always || until != null || (d != null && clock.instant().isBefore(d));
    }

    /**
     * What query-status shows: whether safe mode is still on for the stream read up to {@code readUpTo} (may be
     * null before the first event). The duration ends by the clock and the exit location once read past, even when
     * no row has arrived since.
     */
    boolean pendingAt(Location readUpTo) {
        if (always) {
            return true;
        }
        Instant d = deadline;
        if (d != null && clock.instant().isBefore(d)) {
            return true;
        }
        Location u = until;
        return u != null && (readUpTo == null || readUpTo.compareTo(u) <= 0);
    }

    /** The exit location the window still waits for (changes up to it may be downstream already), or null. */
    Location replayBound() {
        return always ? null : until;
    }

    @Override
    public String toString() {
        Location u = until;
        Instant d = deadline;
        return always ? "always" : u != null ? "until " + u : d != null ? "until " + d : "off";
    }
}
