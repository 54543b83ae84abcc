package io.dm4j.worker.sync;

import java.util.List;

/**
 * The sync unit's progress as query-status shows it, with DM's field names.
 *
 * @param masterBinlog      the upstream's current position, DM style {@code (mysql-bin.000005, 916)}
 * @param syncerBinlog      the position the unit has applied up to (its global checkpoint candidate)
 * @param synced            whether the unit has applied everything the upstream had written when last asked
 * @param secondsBehindMaster seconds between now and the last applied event's timestamp; 0 when synced
 * @param reconnects        binlog reconnects after a lost upstream connection (dm4j's own field)
 * @param downstreamRetries downstream transactions retried in place after a retryable error, since the unit was
 *                          created (dm4j's own field)
 */
public record SyncStatus(long totalEvents, long totalTps, long recentTps, String masterBinlog, String masterBinlogGtid,
                         String syncerBinlog, String syncerBinlogGtid, List<String> blockingDDLs,
                         List<Object> unresolvedGroups, boolean synced, String binlogType, long secondsBehindMaster,
                         String blockDDLOwner, String conflictMsg, long totalRows, long totalRps, long recentRps,
                         long insertRows, long updateRows, long deleteRows, boolean safeMode, int reconnects,
                         long downstreamRetries) {
    public SyncStatus {
        blockingDDLs = List.copyOf(blockingDDLs);
        unresolvedGroups = List.copyOf(unresolvedGroups);
    }
}
