package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.BINLOG_OP;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.DOWNSTREAM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Errors of the {@code binlog} (skip, replace, inject, revert, list) and {@code binlog-schema} commands and of the
 * operators they leave for the sync unit (22500-22549).
 */
public final class BinlogOpErrors {
    private BinlogOpErrors() {
    }

    public static final ErrorCode NO_FAILED_EVENT = new ErrorCode(22500, "ErrBinlogOpNoFailedEvent", BINLOG_OP, INTERNAL, MEDIUM,
            "task %s on source %s has no failed event to %s",
            "Give the event's position with `-b file:pos` (the startLocation shown by `query-status TASK`).", false);
    public static final ErrorCode BAD_POSITION = new ErrorCode(22501, "ErrBinlogOpInvalidPosition", BINLOG_OP, INTERNAL, MEDIUM,
            "invalid binlog position `%s`: %s",
            "Give -b as FILE:POS, e.g. `-b mysql-bin.000001:2345`, the startLocation shown by `query-status TASK`.", false);
    public static final ErrorCode NOT_PENDING = new ErrorCode(22502, "ErrBinlogOpNotPending", BINLOG_OP, INTERNAL, MEDIUM,
            "no pending operator at %s for task %s on source %s",
            "List the pending operators with `binlog list TASK`.", false);
    public static final ErrorCode BAD_REQUEST = new ErrorCode(22503, "ErrBinlogOpBadRequest", BINLOG_OP, INTERNAL, MEDIUM,
            "binlog %s: %s",
            "Run `binlog skip|replace|inject|revert|list TASK [-b file:pos] [-s source] [\"SQL; ...\"]`.", false);
    public static final ErrorCode STORE_FAILED = new ErrorCode(22504, "ErrBinlogOpStore", BINLOG_OP, DOWNSTREAM, HIGH,
            "cannot %s the binlog operators of task %s in %s",
            "Check that the downstream (its meta-schema) is reachable and writable, then run the command again.", true);
    public static final ErrorCode OPERATOR_FAILED = new ErrorCode(22505, "ErrBinlogOpStatementFailed", BINLOG_OP, DOWNSTREAM, HIGH,
            "the %s operator at %s failed on statement `%s`",
            "Set a corrected operator at the same position (`binlog replace TASK -b FILE:POS \"SQL\"` replaces it) or"
                    + " `binlog skip TASK -b FILE:POS`; the task continues by itself.", false);
    public static final ErrorCode NO_SUBTASK = new ErrorCode(22506, "ErrBinlogOpSubtaskNotFound", BINLOG_OP, INTERNAL, MEDIUM,
            "task %s has no subtask on source %s on worker %s",
            "Check the task and source names with `query-status TASK`.", false);
    public static final ErrorCode SCHEMA_NOT_PAUSED = new ErrorCode(22507, "ErrBinlogSchemaNotPaused", BINLOG_OP, INTERNAL, MEDIUM,
            "binlog-schema %s needs the subtask paused: task %s on source %s is %s",
            "Run `pause-task TASK` first, then `binlog-schema ...`, then `resume-task TASK`.", false);
    public static final ErrorCode SCHEMA_NO_SYNC = new ErrorCode(22508, "ErrBinlogSchemaNoSyncUnit", BINLOG_OP, INTERNAL, MEDIUM,
            "task %s on source %s has no started sync unit: the tracked structures exist once binlog replication has run",
            "Wait until query-status shows unit Sync for the subtask, pause it, then run `binlog-schema` again.", false);
    public static final ErrorCode SCHEMA_NOT_TRACKED = new ErrorCode(22509, "ErrBinlogSchemaNotTracked", BINLOG_OP, INTERNAL, MEDIUM,
            "table %s is not tracked by task %s on source %s",
            "Set its structure with `binlog-schema update TASK DB TABLE create.sql` (or --from-source / --from-target).", false);
    public static final ErrorCode SCHEMA_BAD_STATEMENT = new ErrorCode(22510, "ErrBinlogSchemaBadStatement", BINLOG_OP, INTERNAL, MEDIUM,
            "the structure given for %s is not usable: %s",
            "Give one `CREATE TABLE` statement for that table (as `SHOW CREATE TABLE` prints it), or use --from-source / --from-target.",
            false);
    public static final ErrorCode DML_REJECTED = new ErrorCode(22511, "ErrBinlogOpDmlRejected", BINLOG_OP, DOWNSTREAM, HIGH,
            "the downstream rejected the transaction at startLocation %s, gtid %s: %s",
            "Fix the downstream and `resume-task TASK`, or `binlog skip TASK -b FILE:POS` (the startLocation), or"
                    + " `binlog replace TASK -b FILE:POS \"SQL; ...\"` to run other statements instead of the whole transaction.", false);
}
