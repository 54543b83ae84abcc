package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.NOT_SET;

/** Errors that belong to no unit. */
public final class CommonErrors {
    private CommonErrors() {
    }

    /** A failure that no catalogue describes yet; carries the original exception as RawCause. */
    public static final ErrorCode UNKNOWN = new ErrorCode(50000, "ErrNotSet", ErrorClass.NOT_SET, NOT_SET, HIGH,
            "%s", "Please check the log of the process that reported it.", false);
}
