package io.dm4j.worker.sync;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Location;
import java.util.Map;

/**
 * Where a sync unit without a checkpoint starts, handed over by the unit before it: the dump's snapshot location,
 * and the location up to which changes may already be in the copied data (safe mode until it is passed).
 * Both null for an incremental task (the task's meta or the upstream's current position is used). A start time
 * ({@code start-task --start-time}) wins over meta, as in DM.
 */
public record SyncStart(Location snapshot, Location safeUntil, java.time.Instant startTime,
                        Map<TableId, String> snapshotSchemas) {
    public static final SyncStart NONE = new SyncStart(null, null, null, Map.of());

    public SyncStart {
        snapshotSchemas = snapshotSchemas == null ? Map.of() : Map.copyOf(snapshotSchemas);
    }

    /**
     * After a dump: start at its snapshot, safe until {@code safeUntil}, with the tables' CREATE TABLE statements
     * as of the snapshot (the upstream may have changed them since; rows in the binlog follow the snapshot's shape).
     */
    public static SyncStart afterDump(Location snapshot, Location safeUntil, Map<TableId, String> snapshotSchemas) {
        return new SyncStart(snapshot, safeUntil, null, snapshotSchemas);
    }

    /** {@code start-task --start-time}: the first transaction at or after {@code time}, ignoring meta. */
    public static SyncStart at(java.time.Instant time) {
        return new SyncStart(null, null, time, Map.of());
    }
}
