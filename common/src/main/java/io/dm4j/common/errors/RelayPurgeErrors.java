package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.RELAY_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Errors of purging relay log files ({@code purge-relay} and the automatic purge), relay-unit class: DM's own numbers
 * where DM has the same meaning (30036, 30040, 30041, 30042), dm4j's band 30750-30799 for the rest.
 */
public final class RelayPurgeErrors {
    private RelayPurgeErrors() {
    }

    public static final ErrorCode ALREADY_PURGING = new ErrorCode(30036, "ErrRelayOtherStrategyIsPurging", RELAY_UNIT, INTERNAL, MEDIUM,
            "a %s purge of the relay log of source `%s` is running",
            "Wait for it to finish (the worker log says what it deleted), then run purge-relay again.", true);
    public static final ErrorCode SUB_DIR_NOT_FOUND = new ErrorCode(30040, "ErrRelayTrimUUIDNotFound", RELAY_UNIT, INTERNAL, MEDIUM,
            "--sub-dir `%s` is not in %s; the relay sub-directories are %s",
            "Give one of the listed sub-directories with --sub-dir, or leave it out to mean the newest one.", false);
    public static final ErrorCode REMOVE_FAILED = new ErrorCode(30041, "ErrRelayRemoveFileFail", RELAY_UNIT, INTERNAL, HIGH,
            "cannot remove relay log file %s",
            "Check that the worker may write to its relay-dir (owner, permissions, read-only mount), then run purge-relay again.", true);
    public static final ErrorCode BAD_FILENAME = new ErrorCode(30042, "ErrRelayPurgeArgsNotValid", RELAY_UNIT, INTERNAL, MEDIUM,
            "--filename `%s` is not a relay log file of sub-directory %s; its files are %s",
            "Give one of the listed files with purge-relay -s SOURCE --filename FILE [--sub-dir SUB-DIR]; files before it are deleted.", false);
    public static final ErrorCode FILE_NEEDED = new ErrorCode(30750, "ErrRelayPurgeFileNeeded", RELAY_UNIT, INTERNAL, MEDIUM,
            "relay log file %s is still needed by %s (it reads from %s); purging before %s would delete it, so nothing was deleted",
            "Purge only the files before the needed one: purge-relay -s SOURCE --filename NEEDED-FILE [--sub-dir ITS-SUB-DIR];"
                    + " or let the subtask catch up (query-status), or stop it with stop-task, first.", false);
    public static final ErrorCode NEED_UNKNOWN = new ErrorCode(30751, "ErrRelayPurgeNeedUnknown", RELAY_UNIT, INTERNAL, MEDIUM,
            "the relay log files %s needs are not known (%s), so no relay file of source `%s` can be purged safely",
            "Wait until the subtask has a sync checkpoint (its full copy finished; query-status shows the sync unit), or give"
                    + " an incremental task mysql-instances[].meta.binlog-name; then purge again.", true);
    public static final ErrorCode RELAY_NOT_RUNNING = new ErrorCode(30752, "ErrRelayPurgeNoRelay", RELAY_UNIT, INTERNAL, MEDIUM,
            "source `%s` has no relay log on worker `%s`",
            "Enable the relay log first (start-relay -s SOURCE, or enable-relay: true in the source file); purge-relay"
                    + " acts on the worker that serves the source.", false);
}
