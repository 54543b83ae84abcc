package io.dm4j.worker.subtask;

import io.dm4j.worker.sync.operator.BinlogOperators;
import io.dm4j.worker.sync.stream.LocalBinlog;

/**
 * What a unit needs to know beyond its task and source configuration.
 *
 * @param workerName the dm-worker's name (for logs, metrics and status)
 * @param removeMeta {@code start-task --remove-meta}: true only for the first start of the subtask after that
 *                   command (the master has already dropped the task's dm_meta tables it knows of); units may also
 *                   discard local state such as leftover dump files
 * @param startTime  {@code start-task --start-time} ("" = none): sync starts at the first binlog event at or after
 *                   this time instead of its checkpoint; only for the first start after that command
 * @param relayDir   the relay log directory for this source on this worker
 * @param handoff    values the units of this subtask pass to each other (one instance per subtask)
 * @param operators  the subtask's pending {@code binlog skip|replace|inject} operators (null: kept in memory only)
 * @param relay      the worker's relay log of the source (null when {@code enable-relay} is off)
 */
public record UnitContext(String workerName, boolean removeMeta, String startTime, String relayDir, UnitHandoff handoff,
                          BinlogOperators operators, LocalBinlog relay) {
    public UnitContext {
        startTime = startTime == null ? "" : startTime;
        relayDir = relayDir == null ? "" : relayDir;
        handoff = handoff == null ? new UnitHandoff() : handoff;
    }

    public UnitContext(String workerName, boolean removeMeta, String startTime, String relayDir, UnitHandoff handoff,
                       BinlogOperators operators) {
        this(workerName, removeMeta, startTime, relayDir, handoff, operators, null);
    }

    public UnitContext(String workerName, boolean removeMeta, String startTime, String relayDir, UnitHandoff handoff) {
        this(workerName, removeMeta, startTime, relayDir, handoff, null);
    }

    /** A context with a fresh handoff. */
    public UnitContext(String workerName, boolean removeMeta, String startTime, String relayDir) {
        this(workerName, removeMeta, startTime, relayDir, new UnitHandoff());
    }
}
