package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.DOWNSTREAM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Errors of online DDL handling (gh-ost, pt-osc) in the sync unit: 36550-36599. */
public final class OnlineDdlErrors {
    private OnlineDdlErrors() {
    }

    public static final ErrorCode STORE_FAILED = new ErrorCode(36550, "ErrSyncerOnlineDDLStore", SYNC_UNIT, DOWNSTREAM, HIGH,
            "cannot %s the online DDL record table %s",
            "Check that the target-database user may create and write tables in the meta-schema; the task resumes by"
                    + " itself once the downstream answers, or use `resume-task`.", true);
    public static final ErrorCode STORE_CORRUPT = new ErrorCode(36551, "ErrSyncerOnlineDDLRecordCorrupt", SYNC_UNIT, INTERNAL, HIGH,
            "a row of the online DDL record table is not a JSON array of statements: %s",
            "Fix or delete the row in `{meta-schema}`.`{task}_onlineddl`, then `resume-task`; a deleted row loses the"
                    + " DDLs of an online schema change still in progress, which you then run downstream by hand.", false);
}
