package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.DMCTL;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Errors of dmctl itself (48001-48049): arguments and local files. */
public final class DmctlErrors {
    private DmctlErrors() {
    }

    public static final ErrorCode NO_MASTER_ADDR = new ErrorCode(48001, "ErrCtlNoMasterAddr", DMCTL, INTERNAL, MEDIUM,
            "no dm-master address given", "Give --master-addr HOST:PORT (e.g. --master-addr 127.0.0.1:8261).", false);
    public static final ErrorCode READ_FILE = new ErrorCode(48002, "ErrCtlReadFile", DMCTL, INTERNAL, MEDIUM,
            "cannot read %s: %s", "Check the path, and that the file exists and is readable.", false);
    public static final ErrorCode BAD_ARGUMENTS = new ErrorCode(48003, "ErrCtlInvalidArgs", DMCTL, INTERNAL, MEDIUM,
            "%s", "See `dmctl <command> --help`.", false);
    public static final ErrorCode BAD_TIMEOUT = new ErrorCode(48004, "ErrCtlInvalidRPCTimeout", DMCTL, INTERNAL, MEDIUM,
            "--rpc-timeout `%s` is not a duration", "Give a duration such as 30s, 10m or 1h.", false);
}
