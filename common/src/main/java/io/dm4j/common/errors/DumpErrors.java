package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.DUMP_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/** Dump unit errors (32001-32999): the consistent export of the upstream tables into the task's dump directory. */
public final class DumpErrors {
    private DumpErrors() {
    }

    /** Reading from the upstream failed (lost connection, query error) while dumping. */
    public static final ErrorCode QUERY_FAILED = new ErrorCode(32001, "ErrDumpUnitRuntime", DUMP_UNIT, UPSTREAM, HIGH,
            "dump failed while %s",
            "Check the RawCause and that the upstream is reachable; the task resumes automatically and dumps again.",
            true);

    /** {@code --consistency} in {@code mydumpers.extra-args} names no known mode. */
    public static final ErrorCode INVALID_CONSISTENCY = new ErrorCode(32002, "ErrDumpUnitInvalidConsistency", DUMP_UNIT,
            INTERNAL, MEDIUM, "consistency `%s` in mydumpers.extra-args is not supported; allowed: auto, flush, snapshot,"
                    + " lock, none",
            "Set `--consistency` in `mydumpers.extra-args` to one of auto, flush, snapshot, lock, none.", false);

    /** Could not connect to the upstream. */
    public static final ErrorCode CONNECT_FAILED = new ErrorCode(32003, "ErrDumpUnitConnect", DUMP_UNIT, UPSTREAM, HIGH,
            "cannot connect to the upstream %s",
            "Check that the source database is running and that `from` in the source configuration is correct;"
                    + " the task resumes automatically.", true);

    /** FLUSH TABLES WITH READ LOCK was refused (no RELOAD privilege, or a managed service forbids it). */
    public static final ErrorCode GLOBAL_LOCK = new ErrorCode(32004, "ErrDumpUnitGlobalLock", DUMP_UNIT, UPSTREAM, HIGH,
            "cannot take the global read lock (FLUSH TABLES WITH READ LOCK) on %s that consistency `flush` needs",
            "Grant RELOAD to the source user (GRANT RELOAD ON *.* TO ...), or set `--consistency auto` (falls back to"
                    + " LOCK TABLES) or `lock` in `mydumpers.extra-args`.", false);

    /** LOCK TABLES ... READ was refused. */
    public static final ErrorCode LOCK_TABLES = new ErrorCode(32005, "ErrDumpUnitLockTables", DUMP_UNIT, UPSTREAM, HIGH,
            "cannot lock the dumped tables (LOCK TABLES ... READ) on %s that consistency `lock` needs",
            "Grant LOCK TABLES to the source user, or set `--consistency auto` or `flush` (needs RELOAD) in"
                    + " `mydumpers.extra-args`.", false);

    /** SHOW MASTER STATUS is empty while the task needs a binlog start point. */
    public static final ErrorCode NO_BINLOG_POSITION = new ErrorCode(32006, "ErrDumpUnitNoBinlogPosition", DUMP_UNIT,
            UPSTREAM, HIGH, "the upstream %s reports no binlog position (SHOW MASTER STATUS is empty), so task-mode `%s`"
                    + " cannot continue with incremental replication after the dump",
            "Enable the binary log on the upstream (log_bin, binlog_format=ROW) and restart it, or use task-mode"
                    + " `full`.", false);

    /** A dump file or the directory could not be written. */
    public static final ErrorCode WRITE_FAILED = new ErrorCode(32007, "ErrDumpUnitWriteFile", DUMP_UNIT, INTERNAL, HIGH,
            "cannot write %s",
            "Check free space and permissions of `loaders.dir`; then `resume-task` dumps again.", false);

    /** The dump directory is on S3, which is not implemented. */
    public static final ErrorCode UNSUPPORTED_DIR = new ErrorCode(32008, "ErrDumpUnitUnsupportedDir", DUMP_UNIT, INTERNAL,
            MEDIUM, "dump directory `%s` is not a local directory; dm4j dumps to local directories only",
            "Set `loaders.dir` to a local path.", false);

    /** The snapshot transactions could not be started. */
    public static final ErrorCode SNAPSHOT_FAILED = new ErrorCode(32009, "ErrDumpUnitSnapshot", DUMP_UNIT, UPSTREAM, HIGH,
            "cannot start the consistent snapshot on %s: %s",
            "Check the RawCause; the source user needs SELECT on the dumped tables. The task resumes automatically.",
            true);

    /** {@code auto} found no method that gives an exact start point with the source user's privileges. */
    public static final ErrorCode NO_CONSISTENT_METHOD = new ErrorCode(32350, "ErrDumpUnitNoConsistentMethod", DUMP_UNIT,
            UPSTREAM, HIGH, "consistency `auto` found no consistent way to dump %s: the source user lacks %s (%s)",
            "Grant RELOAD (GRANT RELOAD ON *.* TO ...) or LOCK TABLES on the dumped schemas to the source user and"
                    + " `resume-task`; `--consistency none` in `mydumpers.extra-args` dumps without a consistent start"
                    + " point and can lose transactions that commit during the dump.", false);

    /** {@code --consistency snapshot} on MySQL: no binlog position is tied to a MySQL snapshot. */
    public static final ErrorCode SNAPSHOT_UNSUPPORTED = new ErrorCode(32351, "ErrDumpUnitSnapshotUnsupported", DUMP_UNIT,
            UPSTREAM, HIGH, "consistency `snapshot` is not supported on the MySQL upstream %s: a MySQL snapshot has no"
                    + " binlog position of its own, and one read beside it can include transactions the snapshot misses",
            "Set `--consistency auto`, `flush` (needs RELOAD) or `lock` (needs LOCK TABLES) in `mydumpers.extra-args`.",
            false);

    /** DDL kept changing the dumped tables while the dump opened its snapshot. */
    public static final ErrorCode CATALOG_UNSTABLE = new ErrorCode(32352, "ErrDumpUnitCatalogUnstable", DUMP_UNIT,
            UPSTREAM, HIGH, "the dumped tables on %s changed (DDL) every time the dump opened its snapshot (%d attempts)",
            "Hold back DDL on the dumped tables until the dump has started (query-status shows stage `dumping`), then"
                    + " `resume-task`.", true);
}
