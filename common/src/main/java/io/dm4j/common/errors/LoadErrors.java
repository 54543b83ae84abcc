package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.LOAD_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.DOWNSTREAM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Load unit errors (34001-34999): importing the dump directory into the downstream, the
 * {@code {task}_loader_checkpoint} table, and reading the dump's {@code metadata}.
 */
public final class LoadErrors {
    private LoadErrors() {
    }

    private static final String REDUMP = "Start the task again with `start-task --remove-meta` to dump afresh.";

    /** The dump directory is missing or incomplete. */
    public static final ErrorCode DUMP_DIR_NOT_FOUND = new ErrorCode(34001, "ErrLoadUnitDumpDirNotFound", LOAD_UNIT,
            INTERNAL, HIGH, "dump directory %s holds no complete dump: %s", REDUMP, false);

    /** The dump's {@code metadata} file cannot be understood. */
    public static final ErrorCode METADATA_INVALID = new ErrorCode(34002, "ErrLoadUnitParseMetadata", LOAD_UNIT, INTERNAL,
            HIGH, "cannot parse dump metadata %s: %s", "The `metadata` file of the dump is damaged. " + REDUMP, false);

    /** The checkpoint schema or table could not be created. */
    public static final ErrorCode CHECKPOINT_PREPARE = new ErrorCode(34003, "ErrLoadUnitCheckpointPrepare", LOAD_UNIT,
            DOWNSTREAM, HIGH, "cannot create the load checkpoint table %s",
            "Make sure the `target-database` user may CREATE the meta schema and its tables; the task resumes"
                    + " automatically.", true);

    /** Reading or writing checkpoint rows failed. */
    public static final ErrorCode CHECKPOINT_ACCESS = new ErrorCode(34004, "ErrLoadUnitCheckpointAccess", LOAD_UNIT,
            DOWNSTREAM, HIGH, "cannot %s the load checkpoint in %s",
            "Check that the target database is reachable and writable; the task resumes automatically.", true);

    /** A dump file differs from what the checkpoint recorded about it. */
    public static final ErrorCode FILE_CHANGED = new ErrorCode(34005, "ErrLoadUnitFileChanged", LOAD_UNIT, INTERNAL, HIGH,
            "dump file %s no longer matches its load checkpoint: %s",
            "The dump was replaced after loading had started. " + REDUMP, false);

    /** A dump file cannot be read. */
    public static final ErrorCode FILE_READ = new ErrorCode(34006, "ErrLoadUnitReadFile", LOAD_UNIT, INTERNAL, HIGH,
            "cannot read dump file %s", "Check that the dump directory is intact and readable. " + REDUMP, false);

    /** A dump file holds a statement the loader does not accept at that place. */
    public static final ErrorCode INVALID_STATEMENT = new ErrorCode(34007, "ErrLoadUnitInvalidStatement", LOAD_UNIT,
            INTERNAL, HIGH, "dump file %s has an unexpected statement at byte %d: %s",
            "The file is damaged or was not written by a MySQL dumper. " + REDUMP, false);

    /** A statement of a dump file failed downstream and retrying cannot help. */
    public static final ErrorCode EXECUTE_FAILED = new ErrorCode(34008, "ErrLoadUnitExecute", LOAD_UNIT, DOWNSTREAM, HIGH,
            "loading %s (from byte %d) into %s failed",
            "Check the RawCause; make the downstream table match the upstream one, then `resume-task`: loading"
                    + " continues at the last committed statement.", false);

    /** The connection broke (or a transient conflict) while loading; resuming continues from the checkpoint. */
    public static final ErrorCode EXECUTE_RETRYABLE = new ErrorCode(34009, "ErrLoadUnitConnection", LOAD_UNIT, DOWNSTREAM,
            HIGH, "loading %s (from byte %d) into %s was interrupted",
            "Check the target database and the network to it; the task resumes automatically and continues at the"
                    + " last committed statement.", true);

    /** A loaded row already exists downstream while on-duplicate-logical is {@code error}. */
    public static final ErrorCode DUPLICATE_ENTRY = new ErrorCode(34010, "ErrLoadUnitDuplicateEntry", LOAD_UNIT,
            DOWNSTREAM, HIGH, "rows of %s already exist in %s (on-duplicate-logical: error)",
            "Empty the target table, or set `on-duplicate-logical` to `replace` or `ignore` in the loader settings,"
                    + " then `resume-task`.", false);

    /** CREATE DATABASE / TABLE / VIEW failed downstream. */
    public static final ErrorCode CREATE_FAILED = new ErrorCode(34011, "ErrLoadUnitCreate", LOAD_UNIT, DOWNSTREAM, HIGH,
            "cannot create %s downstream",
            "Check the RawCause: the statement may use a feature, charset or collation the target lacks, or a view"
                    + " refers to tables outside the block-allow-list. Create the object by hand, then `resume-task`.",
            false);

    /** A merge target exists but lacks the columns the route's extract-* rules write. */
    public static final ErrorCode EXTRACT_COLUMNS_MISSING = new ErrorCode(34012, "ErrLoadUnitExtractColumns", LOAD_UNIT,
            DOWNSTREAM, HIGH, "target table %s exists but has no column(s) %s that the route's extract-table /"
                    + " extract-schema / extract-source write",
            "Add the columns as the last columns of the table (e.g. ALTER TABLE ... ADD COLUMN c_table VARCHAR(64)"
                    + " NOT NULL DEFAULT ''), or drop the table so that dm4j creates it, then `resume-task`.", false);

    /** LOAD DATA LOCAL INFILE is needed but disabled downstream. */
    public static final ErrorCode LOCAL_INFILE_DISABLED = new ErrorCode(34013, "ErrLoadUnitLocalInfile", LOAD_UNIT,
            DOWNSTREAM, HIGH, "the dump in %s is CSV, loaded with LOAD DATA LOCAL INFILE, but the target database has"
                    + " local_infile=OFF",
            "Run SET GLOBAL local_infile = ON on the target database, or use `import-mode: logical` (then"
                    + " `start-task --remove-meta` so the dump is written as SQL).", false);

    /** The configured import-mode cannot be served. */
    public static final ErrorCode IMPORT_MODE_UNSUPPORTED = new ErrorCode(34014, "ErrLoadUnitImportMode", LOAD_UNIT,
            INTERNAL, MEDIUM, "import-mode `%s` is not supported by dm4j; allowed: logical (also sql, loader) and"
                    + " physical (LOAD DATA LOCAL INFILE from CSV)",
            "Set `import-mode` in the loader settings to `logical` or `physical`.", false);

    /** --remove-meta could not clear the load state. */
    public static final ErrorCode REMOVE_META_FAILED = new ErrorCode(34015, "ErrLoadUnitRemoveMeta", LOAD_UNIT,
            DOWNSTREAM, HIGH, "cannot remove the load state of task %s, source %s: %s",
            "Check the RawCause; drop the rows of the task in `{meta-schema}`.`{task}_loader_checkpoint` and delete"
                    + " the dump directory by hand.", true);

    /** The load checkpoint belongs to an earlier dump whose rows went into tables dm4j cannot clear on its own. */
    public static final ErrorCode STALE_DUMP_SHARED_TARGET = new ErrorCode(34350, "ErrLoadUnitStaleDumpSharedTarget",
            LOAD_UNIT, DOWNSTREAM, HIGH, "the load checkpoint of task %s source %s belongs to dump `%s`, but the dump"
                    + " directory now holds dump `%s`; rows of the old dump are in %s, which other tables or sources"
                    + " also feed (shard merge), so they cannot be cleared by truncating",
            "Delete this source's rows from those target tables by hand, then `start-task --remove-meta` so that the"
                    + " load and the sync start from the new dump.", false);

    /** A secondary index the load deferred could not be built after the load. */
    public static final ErrorCode DEFERRED_INDEX_FAILED = new ErrorCode(34351, "ErrLoadUnitDeferredIndex", LOAD_UNIT,
            DOWNSTREAM, HIGH, "cannot build the secondary index(es) %s of %s, which the load adds after the rows: %s",
            "Check the RawCause (disk space, lock wait, the target's index rules); `resume-task` builds them again, or"
                    + " run the ALTER TABLE of the message by hand and `resume-task`. To load with every index in place instead, set"
                    + " `defer-secondary-indexes: false` in the loader settings before the table is created.", true);
}
