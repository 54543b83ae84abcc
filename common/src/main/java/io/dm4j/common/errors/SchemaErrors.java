package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SCHEMA_TRACKER;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/** Errors of the schema tracker (44001-44049), which keeps every upstream table's structure at the binlog position. */
public final class SchemaErrors {
    private SchemaErrors() {
    }

    public static final ErrorCode INVALID_JSON = new ErrorCode(44001, "ErrSchemaTrackerInvalidJSON", SCHEMA_TRACKER,
            INTERNAL, HIGH, "saved table structure of %s is not valid: %s",
            "The checkpoint's table_info is damaged; set it with `binlog-schema update <task> <db> <table> <create.sql>`.",
            false);

    public static final ErrorCode CANNOT_GET_TABLE = new ErrorCode(44005, "ErrSchemaTrackerCannotGetTable", SCHEMA_TRACKER,
            INTERNAL, HIGH, "table %s is not tracked: %s",
            "Give the table's structure at the current position with `binlog-schema update <task> <db> <table> <create.sql>`.",
            false);

    public static final ErrorCode CANNOT_EXEC_DDL = new ErrorCode(44006, "ErrSchemaTrackerCannotExecDDL", SCHEMA_TRACKER,
            INTERNAL, HIGH, "cannot track DDL: %s: %s",
            "The tracked structure does not match the upstream; fix it with `binlog-schema update`, or skip the DDL "
                    + "with `binlog skip` if it does not matter.", false);

    public static final ErrorCode CANNOT_FETCH_UPSTREAM_TABLE = new ErrorCode(44007,
            "ErrSchemaTrackerCannotFetchUpstreamTable", SCHEMA_TRACKER, UPSTREAM, HIGH,
            "cannot read the structure of %s from the upstream",
            "Check that the table exists upstream and that the source user may run SHOW CREATE TABLE on it.", true);

    public static final ErrorCode INVALID_CREATE_TABLE = new ErrorCode(44009, "ErrSchemaTrackerInvalidCreateTableStmt",
            SCHEMA_TRACKER, INTERNAL, HIGH, "cannot read CREATE TABLE of %s: %s",
            "Give a plain MySQL/MariaDB CREATE TABLE statement (as SHOW CREATE TABLE prints it).", false);

    public static final ErrorCode MARSHAL_JSON = new ErrorCode(44013, "ErrSchemaTrackerMarshalJSON", SCHEMA_TRACKER,
            INTERNAL, HIGH, "cannot serialize the structure of %s",
            "This is a bug in dm4j; report it with the table's SHOW CREATE TABLE. Resuming the task retries the write.", false);
}
