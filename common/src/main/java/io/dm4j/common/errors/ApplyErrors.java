package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Errors of the DML apply path of the sync unit (36050-36099). */
public final class ApplyErrors {
    private ApplyErrors() {
    }

    /** A change was submitted to an applier that is closed. */
    public static final ErrorCode APPLIER_CLOSED = new ErrorCode(36050, "ErrSyncerApplierClosed", SYNC_UNIT, INTERNAL,
            MEDIUM, "the DML applier is closed: %s",
            "The sync unit is stopping; resume the task to start a new one.", true);

    /** A row does not have one value per column of its table structure. */
    public static final ErrorCode ROW_COLUMN_MISMATCH = new ErrorCode(36051, "ErrSyncerUnitDMLColumnNotMatch", SYNC_UNIT,
            INTERNAL, HIGH, "row of %s has %d values but the tracked table structure has %d columns",
            "Check the log for a skipped DDL; use `binlog-schema update` to set the correct table structure.", false);

    /** Extra columns (extract-table/schema/source) and their values differ in number. */
    public static final ErrorCode EXTRA_COLUMN_MISMATCH = new ErrorCode(36052, "ErrSyncerExtraColumnMismatch", SYNC_UNIT,
            INTERNAL, HIGH, "change of %s carries %d extra column names but %d extra values",
            "Check the `routes` extract-table/extract-schema/extract-source rules of the task.", false);

    /** Waiting for the apply queues was interrupted (the unit is being stopped). */
    public static final ErrorCode INTERRUPTED = new ErrorCode(36053, "ErrSyncerApplyInterrupted", SYNC_UNIT, INTERNAL,
            MEDIUM, "interrupted while %s", "The sync unit was stopped; resume the task.", true);

    /** An apply queue thread died of an unexpected failure (a bug, not a database error). */
    public static final ErrorCode QUEUE_FAILED = new ErrorCode(36054, "ErrSyncerApplyQueueFailed", SYNC_UNIT, INTERNAL,
            HIGH, "DML apply queue %d failed: %s", "Please report the log of the dm-worker.", false);
}
