package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/**
 * Errors of the row decoder (36001-36049): a binlog row that cannot be turned into exact JDBC values.
 * None is retryable: the same event would fail again until the schema or the upstream setting is fixed.
 */
public final class DecodeErrors {
    private DecodeErrors() {
    }

    /** DM's ErrSyncerUnitDMLColumnNotMatch: the TABLE_MAP has another number of columns than the tracked schema. */
    public static final ErrorCode COLUMN_COUNT_MISMATCH = new ErrorCode(36001, "ErrSyncerUnitDMLColumnNotMatch",
            SYNC_UNIT, INTERNAL, HIGH,
            "column count mismatch for table %s: the binlog row has %d columns, the tracked table structure has %d",
            "The tracked table structure is out of date. Set the structure the binlog was written with through "
                    + "`binlog-schema update` (dmctl) and resume the task.", false);

    public static final ErrorCode COLUMN_NAME_MISMATCH = new ErrorCode(36002, "ErrSyncerUnitDMLColumnNameNotMatch",
            SYNC_UNIT, INTERNAL, HIGH,
            "column %d of table %s is named `%s` in the binlog but `%s` in the tracked table structure",
            "The tracked table structure is out of date. Set the structure the binlog was written with through "
                    + "`binlog-schema update` (dmctl) and resume the task.", false);

    public static final ErrorCode TYPE_MISMATCH = new ErrorCode(36003, "ErrSyncerUnitDMLColumnTypeNotMatch",
            SYNC_UNIT, INTERNAL, HIGH,
            "column `%s` of table %s is %s in the tracked table structure but the binlog carries binlog type %s",
            "The tracked table structure is out of date. Set the structure the binlog was written with through "
                    + "`binlog-schema update` (dmctl) and resume the task.", false);

    public static final ErrorCode UNSUPPORTED_TYPE = new ErrorCode(36004, "ErrSyncerUnitUnsupportedColumnType",
            SYNC_UNIT, UPSTREAM, HIGH,
            "column `%s` of table %s has type %s, which dm4j cannot replicate exactly: %s",
            "Change the column to a supported type upstream, or exclude the table with a block-allow-list rule.", false);

    public static final ErrorCode UNSUPPORTED_CHARSET = new ErrorCode(36005, "ErrSyncerUnitUnsupportedCharset",
            SYNC_UNIT, UPSTREAM, HIGH,
            "column `%s` of table %s uses character set %s, which dm4j cannot decode; supported: %s",
            "Convert the column to a supported character set (utf8mb4 is recommended), or exclude the table.", false);

    public static final ErrorCode INVALID_TEXT = new ErrorCode(36006, "ErrSyncerUnitInvalidText",
            SYNC_UNIT, UPSTREAM, HIGH,
            "column `%s` of table %s holds bytes that are not valid %s text (first bytes: %s)",
            "Fix the stored value upstream (it was written without character set validation), or skip the event.",
            false);

    public static final ErrorCode ENUM_SET_OUT_OF_RANGE = new ErrorCode(36007, "ErrSyncerUnitEnumSetOutOfRange",
            SYNC_UNIT, INTERNAL, HIGH,
            "column `%s` of table %s: binlog value %s does not name a member of %s",
            "The tracked table structure is out of date (members were added). Update it through "
                    + "`binlog-schema update` (dmctl) and resume the task.", false);

    public static final ErrorCode ROW_IMAGE_NOT_FULL = new ErrorCode(36008, "ErrSyncerUnitRowImageNotFull",
            SYNC_UNIT, UPSTREAM, HIGH,
            "a row of table %s lacks column(s) %s: the upstream does not write full row images",
            "Set binlog_row_image=FULL upstream (DM requires it) and restart the task from a position after the change.",
            false);

    public static final ErrorCode UNEXPECTED_VALUE = new ErrorCode(36009, "ErrSyncerUnitUnexpectedBinlogValue",
            SYNC_UNIT, INTERNAL, HIGH,
            "column `%s` of table %s: the binlog reader handed over %s, the decoder expects %s",
            "The binlog reader is not configured by BinlogDeserializers; this is a dm4j bug, please report it.", false);

    public static final ErrorCode INVALID_JSON = new ErrorCode(36010, "ErrSyncerUnitInvalidJSON",
            SYNC_UNIT, UPSTREAM, HIGH,
            "column `%s` of table %s holds binary JSON that cannot be read: %s",
            "Check the upstream value with SELECT; if it is broken there, fix it or skip the event.", false);
}
