package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.DM_WORKER;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Errors of dm-worker (40001-40049): its link to the master, its source binding, its subtasks. */
public final class WorkerErrors {
    private WorkerErrors() {
    }

    public static final ErrorCode UNIT_NOT_AVAILABLE = new ErrorCode(40001, "ErrWorkerUnitNotAvailable", DM_WORKER, INTERNAL, HIGH,
            "unit %s not available in this build (task `%s`, source `%s`)",
            "Use a dm4j build that includes the unit, or a task-mode that does not need it.", false);
    public static final ErrorCode UNIT_CREATE_FAILED = new ErrorCode(40002, "ErrWorkerUnitCreate", DM_WORKER, INTERNAL, HIGH,
            "cannot create unit %s of task `%s` on source `%s`", "See RawCause; fix the task or source file and start the task again.", false);
    public static final ErrorCode SUBTASK_CONFIG = new ErrorCode(40003, "ErrWorkerSubTaskConfig", DM_WORKER, INTERNAL, HIGH,
            "the configuration of subtask `%s` on source `%s` cannot be used", "See RawCause; correct the file and start the task again.", false);
    public static final ErrorCode WRONG_SOURCE = new ErrorCode(40005, "ErrWorkerSourceNotMatch", DM_WORKER, INTERNAL, MEDIUM,
            "this worker serves source `%s`, not `%s`", "The master re-binds the source; retry in a moment.", true);
    public static final ErrorCode REGISTER_FAILED = new ErrorCode(40006, "ErrWorkerRegister", DM_WORKER, INTERNAL, HIGH,
            "cannot register with the master at %s: %s",
            "Check --join (the master's address), that dm-master runs, and that the worker's --name is unique.", true);
    public static final ErrorCode NO_MASTER = new ErrorCode(40007, "ErrWorkerNoMaster", DM_WORKER, INTERNAL, HIGH,
            "%s", "Give the master's address with --join (or join in dm-worker.toml).", false);
    public static final ErrorCode SHUTTING_DOWN = new ErrorCode(40008, "ErrWorkerShuttingDown", DM_WORKER, INTERNAL, MEDIUM,
            "the worker is shutting down", "The master moves the source to another worker; retry there.", true);
    public static final ErrorCode BAD_OPERATION = new ErrorCode(40009, "ErrWorkerBadOperation", DM_WORKER, INTERNAL, MEDIUM,
            "%s", "Use Start, Pause, Resume or Stop.", false);
    public static final ErrorCode SUBTASK_CRASHED = new ErrorCode(40010, "ErrWorkerSubTaskCrashed", DM_WORKER, INTERNAL, HIGH,
            "unit %s of subtask `%s` failed unexpectedly", "See RawCause and the worker's log; resume-task retries.", true);
    public static final ErrorCode KEEPALIVE_LOST = new ErrorCode(40011, "ErrWorkerKeepaliveLost", DM_WORKER, INTERNAL, HIGH,
            "no keepalive reached the master for %d s (keepalive-ttl); the subtasks keep running, but the master may"
                    + " declare this worker offline and give its source to another worker",
            "Check that dm-master runs and the network between worker and master; once the master answers it re-sends"
                    + " this worker's assignment and stops the subtasks here if the source moved.", true);

    /** A control call (bind-source, operate-subtask, status) came from an address that is not the worker's master. */
    public static final ErrorCode CALLER_NOT_MASTER = new ErrorCode(40600, "ErrWorkerCallerNotMaster", DM_WORKER, INTERNAL, HIGH,
            "refused %s from %s: this worker takes control calls only from its master (%s)",
            "Only dm-master calls dm-worker. If the master reaches workers from another address than the one in the"
                    + " worker's `join`, list that address in `join` (dm-worker.toml or --join); firewall port 8262 and"
                    + " use TLS with cert-allowed-cn so nothing else can connect.", false);
}
