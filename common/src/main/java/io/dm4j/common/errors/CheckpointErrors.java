package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.CHECKPOINT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.DOWNSTREAM;

/** Checkpoint errors (24001-24049): the {@code {task}_syncer_checkpoint} table in the meta schema. */
public final class CheckpointErrors {
    private CheckpointErrors() {
    }

    /** The checkpoint schema or table could not be created. */
    public static final ErrorCode PREPARE_FAILED = new ErrorCode(24010, "ErrCheckpointPrepare", CHECKPOINT, DOWNSTREAM,
            HIGH, "cannot create checkpoint table %s",
            "Make sure the `target-database` user may CREATE the meta schema and its tables (meta-schema in the task).",
            true);

    /** Reading the checkpoint rows failed. */
    public static final ErrorCode LOAD_FAILED = new ErrorCode(24011, "ErrCheckpointLoad", CHECKPOINT, DOWNSTREAM, HIGH,
            "cannot load checkpoint of source %s from %s",
            "Check the target database is reachable; the task resumes automatically.", true);

    /** A stored row cannot be understood (bad GTID text, negative position...). */
    public static final ErrorCode INVALID_ROW = new ErrorCode(24012, "ErrCheckpointInvalidRow", CHECKPOINT, DOWNSTREAM,
            HIGH, "invalid checkpoint row (%s, `%s`.`%s`) in %s: %s",
            "Fix or delete the row in the checkpoint table, or restart the task with `start-task --remove-meta`.",
            false);

    /** Writing checkpoint rows failed. */
    public static final ErrorCode FLUSH_FAILED = new ErrorCode(24013, "ErrCheckpointFlush", CHECKPOINT, DOWNSTREAM, HIGH,
            "cannot write checkpoint of source %s to %s",
            "Check the target database is reachable and writable; the task resumes automatically.", true);
}
