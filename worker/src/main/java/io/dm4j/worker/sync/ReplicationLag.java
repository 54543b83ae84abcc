package io.dm4j.worker.sync;

import io.dm4j.common.position.BinlogPosition;

/**
 * The sync unit's lag, as query-status ({@code synced}, {@code secondsBehindMaster}) and /metrics show it, without
 * writing anything upstream (DM's old {@code heartbeat} table needed write privileges and is gone from DM):
 * <ul>
 *   <li>caught up — applied position at or past the upstream's newest position (SHOW MASTER STATUS, polled every
 *       few seconds) and nothing waiting in the applier — is lag 0, however long the upstream has been idle, and
 *       also after an event the task skips (filtered or {@code binlog skip} DDL, which move the position);</li>
 *   <li>otherwise the lag is now minus the event time of the last event read;</li>
 *   <li>when the upstream's position could not be read recently ({@link #STALE_AFTER_MILLIS}), "caught up" is not
 *       claimed: the upstream may have moved on, so the lag grows from the last event's time instead of staying
 *       at 0 (a binlog connection that died silently is found by the client's heartbeat period and reconnected).</li>
 * </ul>
 */
final class ReplicationLag {
    /** Longer than three polls of the upstream's position (every 3 s). */
    static final long STALE_AFTER_MILLIS = 10_000;

    /**
     * @param synced             whether everything the upstream had written is applied
     * @param secondsBehindMaster 0 when synced or no event was read yet
     */
    record Lag(boolean synced, long secondsBehindMaster) {
    }

    private ReplicationLag() {
    }

    /**
     * @param applied         where the unit has read and dispatched up to (null before the start)
     * @param master          the upstream's newest position as last polled (null when never read)
     * @param masterReadAt    when {@code master} was read (epoch millis)
     * @param pendingRows     changes handed to the applier and not committed yet
     * @param lastEventMillis binlog timestamp of the last event read (0 when none)
     */
    static Lag of(BinlogPosition applied, BinlogPosition master, long masterReadAt, long pendingRows,
                  long lastEventMillis, long nowMillis) {
        boolean fresh = master != null && nowMillis - masterReadAt <= STALE_AFTER_MILLIS;
        boolean synced = fresh && applied != null && applied.compareTo(master) >= 0 && pendingRows == 0;
        long behind = synced || lastEventMillis == 0 ? 0 : Math.max(0, (nowMillis - lastEventMillis) / 1000);
        return new Lag(synced, behind);
    }
}
