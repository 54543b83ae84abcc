package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.DM_MASTER;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.DOWNSTREAM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/** Errors of dm-master (38001-38049): requests that do not fit the cluster state, and the master's own storage. */
public final class MasterErrors {
    private MasterErrors() {
    }

    public static final ErrorCode SOURCE_EXISTS = new ErrorCode(38001, "ErrMasterSourceExists", DM_MASTER, INTERNAL, MEDIUM,
            "source `%s` already exists",
            "Use another source-id, or remove the existing source first with `operate-source stop %s`.", false);
    public static final ErrorCode SOURCE_NOT_FOUND = new ErrorCode(38002, "ErrMasterSourceNotFound", DM_MASTER, INTERNAL, MEDIUM,
            "source `%s` does not exist; the sources are %s",
            "Create the source first with `operate-source create source.yaml`, or correct the source-id.", false);
    public static final ErrorCode SOURCE_HAS_TASKS = new ErrorCode(38003, "ErrMasterSourceHasTasks", DM_MASTER, INTERNAL, MEDIUM,
            "source `%s` is still used by task(s) %s",
            "Stop those tasks (stop-task) before removing the source.", false);
    public static final ErrorCode TASK_EXISTS = new ErrorCode(38004, "ErrMasterTaskExists", DM_MASTER, INTERNAL, MEDIUM,
            "task `%s` already exists on source(s) %s",
            "Use another task name, or stop the existing task first (stop-task); use resume-task to resume a paused task.", false);
    public static final ErrorCode TASK_NOT_FOUND = new ErrorCode(38005, "ErrMasterTaskNotFound", DM_MASTER, INTERNAL, MEDIUM,
            "task `%s` does not exist%s",
            "Check the task name with `query-status`; start it with `start-task task.yaml`.", false);
    public static final ErrorCode UPSTREAM_UNREACHABLE = new ErrorCode(38006, "ErrMasterUpstreamUnreachable", DM_MASTER, UPSTREAM, HIGH,
            "cannot connect to the upstream of source `%s` at %s as user `%s`",
            "Check from.host, from.port, from.user and from.password in the source file, and that the server runs and"
                    + " accepts connections from the master's host.", true);
    public static final ErrorCode DOWNSTREAM_UNREACHABLE = new ErrorCode(38007, "ErrMasterDownstreamUnreachable", DM_MASTER, DOWNSTREAM, HIGH,
            "cannot connect to the target-database of task `%s` at %s as user `%s`",
            "Check target-database in the task file, and that the server runs and accepts connections from the master's host.", true);
    public static final ErrorCode SOURCE_NOT_IN_TASK = new ErrorCode(38008, "ErrMasterSourceNotInTask", DM_MASTER, INTERNAL, MEDIUM,
            "task `%s` has no subtask on source(s) %s; its sources are %s",
            "Give only sources the task runs on with -s, or none to act on all of them.", false);
    public static final ErrorCode INVALID_OPERATION = new ErrorCode(38009, "ErrMasterInvalidOperation", DM_MASTER, INTERNAL, MEDIUM,
            "%s", "Check the command's arguments with `dmctl <command> --help`.", false);
    public static final ErrorCode WORKER_NOT_FOUND = new ErrorCode(38010, "ErrMasterWorkerNotFound", DM_MASTER, INTERNAL, MEDIUM,
            "worker `%s` is not registered; the workers are %s",
            "Check the name with `list-member --worker`.", false);
    public static final ErrorCode WORKER_STILL_ALIVE = new ErrorCode(38011, "ErrMasterWorkerAlive", DM_MASTER, INTERNAL, MEDIUM,
            "worker `%s` is still alive (%s); only offline workers can be removed",
            "Stop the dm-worker process first, wait for its keepalive TTL to pass, then run offline-member again.", false);
    public static final ErrorCode WORKER_NAME_CONFLICT = new ErrorCode(38012, "ErrMasterWorkerNameConflict", DM_MASTER, INTERNAL, HIGH,
            "worker name `%s` is already registered for %s; a worker at %s cannot register with it",
            "Give every dm-worker a unique --name. To move a worker to a new address, stop the old one, wait for its"
                    + " keepalive TTL, then run `dmctl offline-member --worker --name NAME` before starting it again.", false);
    public static final ErrorCode STATE_IO = new ErrorCode(38013, "ErrMasterStateIO", DM_MASTER, INTERNAL, HIGH,
            "cannot %s the master's state in %s",
            "Check that data-dir is writable, on a local disk, and not full.", false);
    public static final ErrorCode STATE_LOCKED = new ErrorCode(38014, "ErrMasterStateLocked", DM_MASTER, INTERNAL, HIGH,
            "data-dir %s is in use by another dm-master process",
            "Stop the other dm-master, or give this one its own --data-dir.", false);
    public static final ErrorCode STATE_CORRUPT = new ErrorCode(38015, "ErrMasterStateCorrupt", DM_MASTER, INTERNAL, HIGH,
            "the master's state in %s is damaged: %s",
            "Restore data-dir from a backup; a torn last record after a crash is repaired automatically, damage in the"
                    + " middle of the log is not.", false);
    public static final ErrorCode WORKER_CALL_FAILED = new ErrorCode(38016, "ErrMasterOperRespNotSuccess", DM_MASTER, INTERNAL, MEDIUM,
            "worker `%s` did not carry out %s: %s",
            "Check the worker with `list-member --worker` and its log; the master re-sends the worker its assignment until"
                    + " it answers.", true);
    public static final ErrorCode REMOVE_META_FAILED = new ErrorCode(38017, "ErrMasterRemoveMeta", DM_MASTER, DOWNSTREAM, HIGH,
            "cannot remove the checkpoints of task `%s` in schema `%s` downstream",
            "Check that the target-database user may drop tables in the meta-schema, then run start-task --remove-meta again.", false);
    public static final ErrorCode CONFIG_NOT_FOUND = new ErrorCode(38018, "ErrMasterConfigNotFound", DM_MASTER, INTERNAL, MEDIUM,
            "no %s named `%s`; known: %s", "Check the name with `operate-source show`, `query-status` or `list-member`.", false);
    public static final ErrorCode INVALID_START_TIME = new ErrorCode(38019, "ErrMasterInvalidStartTime", DM_MASTER, INTERNAL, MEDIUM,
            "%s", "Give --start-time as `2021-10-21 00:01:00`, `2021-10-21T00:01:00`, or with an offset such as `+08:00`.", false);
}
