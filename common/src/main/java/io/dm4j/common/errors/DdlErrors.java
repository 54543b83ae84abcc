package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Errors of the sync unit's DDL handling (36100-36149). None is retryable: the same statement fails the same
 * way after a resume, so the user has to skip or replace it ({@code binlog skip} / {@code binlog replace}).
 */
public final class DdlErrors {
    private DdlErrors() {
    }

    /** A statement that looks like DDL (CREATE/ALTER/DROP/RENAME/TRUNCATE ...) could not be read; like DM's 36067. */
    public static final ErrorCode PARSE_DDL = new ErrorCode(36100, "ErrSyncerParseDDL", SYNC_UNIT, INTERNAL, HIGH,
            "cannot parse DDL: %s",
            "Check the statement; if it is harmless for the downstream, skip it with `binlog skip`, otherwise "
                    + "run an equivalent statement with `binlog replace`.", false);

    /** A DDL that was read but cannot be replicated as it is. */
    public static final ErrorCode UNSUPPORTED_DDL = new ErrorCode(36101, "ErrSyncerUnsupportedDDL", SYNC_UNIT, INTERNAL, HIGH,
            "unsupported DDL: %s",
            "Skip the statement with `binlog skip`, or replace it with supported statements using `binlog replace`.",
            false);

    /** The table router gave no target for a name in a DDL. */
    public static final ErrorCode ROUTE_DDL = new ErrorCode(36102, "ErrSyncerRouteDDL", SYNC_UNIT, INTERNAL, HIGH,
            "cannot route the name %s in DDL: %s",
            "Check the task's `routes`: every table a replicated DDL names must have a target.", false);
}
