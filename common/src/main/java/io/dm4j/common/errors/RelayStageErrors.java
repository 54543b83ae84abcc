package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SCHEDULER;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Errors of the master's relay commands (start-relay, stop-relay, pause-relay, resume-relay): scheduler class, with
 * DM's own numbers for the same meanings.
 */
public final class RelayStageErrors {
    private RelayStageErrors() {
    }

    public static final ErrorCode INVALID_STAGE_CHANGE = new ErrorCode(46011, "ErrSchedulerRelayStageInvalidUpdate", SCHEDULER, INTERNAL,
            MEDIUM, "the relay log of source `%s` is %s; %s needs it %s",
            "Start the relay log first with `start-relay -s SOURCE` (or enable-relay: true in the source file); pause-relay"
                    + " needs it running, resume-relay needs it paused.", false);
    public static final ErrorCode WORKER_BOUND_ELSEWHERE = new ErrorCode(46021, "ErrSchedulerRelayWorkersBound", SCHEDULER, INTERNAL,
            MEDIUM, "worker `%s` is not the worker of source `%s` (%s)",
            "Leave the worker names out (start-relay -s SOURCE; the form with names is deprecated in DM), or name the worker"
                    + " that serves the source (`operate-source show -s SOURCE`).", false);
}
