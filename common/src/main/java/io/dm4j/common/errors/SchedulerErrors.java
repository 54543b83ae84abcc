package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SCHEDULER;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Errors of the master's scheduler (46001-46049): binding sources to workers. */
public final class SchedulerErrors {
    private SchedulerErrors() {
    }

    public static final ErrorCode WORKER_NOT_FREE = new ErrorCode(46001, "ErrSchedulerWorkerNotFree", SCHEDULER, INTERNAL, MEDIUM,
            "worker `%s` is %s; a source can only be moved to a free worker",
            "Pick a free worker (`list-member --worker` shows the stage), or start another dm-worker.", false);
    public static final ErrorCode WORKER_OFFLINE = new ErrorCode(46002, "ErrSchedulerWorkerOffline", SCHEDULER, INTERNAL, MEDIUM,
            "worker `%s` is offline", "Start the dm-worker process again, or pick another worker.", true);
    public static final ErrorCode SOURCE_NOT_BOUND = new ErrorCode(46003, "ErrSchedulerSourceNotBound", SCHEDULER, INTERNAL, MEDIUM,
            "source `%s` is not bound to any worker; no free worker is alive",
            "Start a dm-worker (or free one); the master binds the source as soon as a worker is free.", true);
    public static final ErrorCode SAME_WORKER = new ErrorCode(46004, "ErrSchedulerSourceAlreadyOnWorker", SCHEDULER, INTERNAL, MEDIUM,
            "source `%s` is already bound to worker `%s`", "Nothing to do.", false);
    public static final ErrorCode UNBIND_FAILED = new ErrorCode(46005, "ErrSchedulerUnbindFailed", SCHEDULER, INTERNAL, MEDIUM,
            "worker `%s` could not release source `%s`: %s",
            "Check that the worker is alive (`list-member --worker`) and retry; a dead worker is released automatically"
                    + " once its keepalive TTL has passed.", true);
}
