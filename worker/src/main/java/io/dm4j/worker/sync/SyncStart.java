package io.dm4j.worker.sync;

import io.dm4j.common.position.Location;

/**
 * Where a sync unit without a checkpoint starts, handed over by the unit before it: the dump's snapshot location,
 * and the location up to which changes may already be in the copied data (safe mode until it is passed).
 * Both null for an incremental task (the task's meta or the upstream's current position is used). A start time
 * ({@code start-task --start-time}) wins over meta, as in DM.
 */
public record SyncStart(Location snapshot, Location safeUntil, java.time.Instant startTime) {
    public static final SyncStart NONE = new SyncStart(null, null, null);

    /** After a dump: start at its snapshot, safe until {@code safeUntil}. */
    public static SyncStart afterDump(Location snapshot, Location safeUntil) {
        return new SyncStart(snapshot, safeUntil, null);
    }

    /** {@code start-task --start-time}: the first transaction at or after {@code time}, ignoring meta. */
    public static SyncStart at(java.time.Instant time) {
        return new SyncStart(null, null, time);
    }
}
