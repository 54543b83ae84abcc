package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/**
 * Binlog events the sync unit cannot replicate faithfully (36300-36349). Each one stops the subtask at the event:
 * skipping it would move the checkpoint past changes that were never applied. None is retryable: reading the same
 * event again gives the same result.
 */
public final class BinlogEventErrors {
    private BinlogEventErrors() {
    }

    public static final ErrorCode UNSUPPORTED_EVENT = new ErrorCode(36300, "ErrSyncerUnsupportedBinlogEvent", SYNC_UNIT,
            UPSTREAM, HIGH, "binlog event %s (type code %d) at %s cannot be interpreted by dm4j: %s",
            "Check the upstream's binlog settings (binlog_format=ROW, binlog_row_image=FULL). If the"
                    + " change it carries is not needed downstream, apply it by hand and restart the task from the next"
                    + " transaction (`stop-task`, then mysql-instances[].meta binlog-name/binlog-pos or binlog-gtid, and"
                    + " `start-task --remove-meta`); otherwise report the upstream version and the event.", false);
    public static final ErrorCode PARTIAL_JSON = new ErrorCode(36301, "ErrSyncerPartialJSONUpdate", SYNC_UNIT, UPSTREAM,
            HIGH, "the upstream writes partial JSON updates (%s): %s",
            "Set binlog_row_value_options='' on the upstream (SET GLOBAL binlog_row_value_options=''; and in my.cnf), run"
                    + " FLUSH BINARY LOGS, then resume the task; rows written with PARTIAL_JSON before that cannot be"
                    + " replicated, so restart the task from a position after the change if one was already written.",
            false);
    public static final ErrorCode STATEMENT_EVENT = new ErrorCode(36302, "ErrSyncerStatementBasedEvent", SYNC_UNIT,
            UPSTREAM, HIGH, "binlog event %s at %s belongs to a statement-based change, but dm4j replicates rows only",
            "Set binlog_format=ROW on the upstream globally (SET GLOBAL binlog_format=ROW; and in my.cnf) and make sure no"
                    + " session overrides it, then restart the task from a position after the statement-based change"
                    + " (mysql-instances[].meta) once that change is applied downstream by hand.", false);
    public static final ErrorCode INCIDENT = new ErrorCode(36304, "ErrSyncerBinlogIncident", SYNC_UNIT, UPSTREAM, HIGH,
            "the upstream wrote an INCIDENT event at %s (%s): changes may be missing from its binlog after this point",
            "Compare the downstream with the upstream (e.g. sync-diff-inspector) and repair it, then restart the task from"
                    + " the next position (mysql-instances[].meta binlog-name/binlog-pos, `start-task --remove-meta`).",
            false);
    public static final ErrorCode XA_NOT_PREPARED = new ErrorCode(36305, "ErrSyncerXAUnknownTransaction", SYNC_UNIT,
            UPSTREAM, HIGH, "XA COMMIT %s at %s commits a transaction whose XA PREPARE the task never read",
            "The task started between the XA PREPARE and the XA COMMIT, so the rows of that transaction are not known."
                    + " Copy them by hand, or restart the task from a position before the XA PREPARE"
                    + " (mysql-instances[].meta binlog-name/binlog-pos, `start-task --remove-meta`).", false);
}
