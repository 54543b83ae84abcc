package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.DOWNSTREAM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/** Errors of the sync unit's own logic (36160-36199); stream, decode, DDL and apply errors have their own catalogues. */
public final class SyncErrors {
    private SyncErrors() {
    }

    public static final ErrorCode NO_START_POSITION = new ErrorCode(36160, "ErrSyncerNoStartPosition", SYNC_UNIT, UPSTREAM, HIGH,
            "cannot decide where source %s starts: %s",
            "Give mysql-instances[].meta (binlog-name/binlog-pos, or binlog-gtid when enable-gtid is true), or check that the"
                    + " upstream has binary logging on (SHOW MASTER STATUS must return a row).", false);
    public static final ErrorCode FILTER_ERROR = new ErrorCode(36161, "ErrSyncerEventFilterError", SYNC_UNIT, INTERNAL, HIGH,
            "binlog event filter rule with action Error matched %s on %s at %s",
            "Change the task's filters, or use `binlog skip` on this position, then resume the task.", false);
    public static final ErrorCode DDL_EXECUTE = new ErrorCode(36162, "ErrSyncerExecDDL", SYNC_UNIT, DOWNSTREAM, HIGH,
            "executing DDL downstream failed at %s: %s",
            "Fix the downstream (or the DDL with `binlog replace`), or skip it with `binlog skip`, then resume the task.", false);
    public static final ErrorCode UPSTREAM_SCHEMA = new ErrorCode(36163, "ErrSyncerGetTableSchema", SYNC_UNIT, UPSTREAM, MEDIUM,
            "cannot read the structure of upstream table %s: %s",
            "Check that the table exists upstream and the source user may SHOW CREATE TABLE on it; set it by hand with"
                    + " `binlog-schema update` if it was dropped since.", true);
    public static final ErrorCode UNIT_INIT = new ErrorCode(36164, "ErrSyncerUnitInit", SYNC_UNIT, INTERNAL, HIGH,
            "starting the sync unit of task %s on source %s failed: %s", "Check the error's raw cause and the task configuration.",
            true);
    public static final ErrorCode SAFE_MODE_REQUIRED = new ErrorCode(36071, "ErrSyncerReprocessWithSafeModeFail", SYNC_UNIT,
            INTERNAL, MEDIUM, "the task must replay events after an unclean stop, but safe-mode-duration is 0s",
            "Set syncers.safe-mode-duration to a positive value, or resume with safe-mode: true.", false);

    /** A table first seen in the binlog: neither candidate structure fits its rows (a start from old meta or time). */
    public static final ErrorCode FIRST_SEEN_STRUCTURE = new ErrorCode(36450, "ErrSyncerFirstSeenTableStructure",
            SYNC_UNIT, INTERNAL, HIGH,
            "table %s is first seen in the binlog near %s and no known structure fits its rows: downstream table %s: %s;"
                    + " upstream's current structure: %s",
            "Give the structure the binlog was written with: `binlog-schema update <task> <db> <table> <file with"
                    + " CREATE TABLE>` (dmctl), then `resume-task`; or start the task from a position after the table's"
                    + " last DDL.", false);
}
