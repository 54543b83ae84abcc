package io.dm4j.worker.sync;

import io.dm4j.common.position.Location;

/**
 * Where a sync unit without a checkpoint starts, handed over by the unit before it: the dump's snapshot location,
 * and the location up to which changes may already be in the copied data (safe mode until it is passed).
 * Both null for an incremental task (the task's meta or the upstream's current position is used).
 */
public record SyncStart(Location snapshot, Location safeUntil) {
    public static final SyncStart NONE = new SyncStart(null, null);
}
