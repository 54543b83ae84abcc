package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.TASK_CHECK;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Errors of the precheck ({@code check-task}, and before every {@code start-task}): 26550-26599. */
public final class CheckerErrors {
    private CheckerErrors() {
    }

    public static final ErrorCode PRECHECK_FAILED = new ErrorCode(26550, "ErrTaskPrecheckFailed", TASK_CHECK, INTERNAL, HIGH,
            "the precheck of task `%s` failed, so it was not started:\n%s",
            "Fix each `fail` finding as its instruction says and run `check-task task.yaml` again; to skip a check the"
                    + " task does not need, name its item in `ignore-checking-items` of the task file.", false);
}
