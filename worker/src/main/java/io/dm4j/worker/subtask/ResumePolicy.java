package io.dm4j.worker.subtask;

import io.dm4j.common.errors.DmException;
import java.util.List;
import java.util.Locale;

/**
 * Whether an automatic resume may get a subtask past its errors, as DM's task checker decides: only errors whose
 * code is retryable, and never those whose cause says that retrying cannot help (a DDL the downstream refuses,
 * duplicate or oversized data, a binlog that is gone).
 */
public final class ResumePolicy {
    /** Causes DM never resumes after, matched case-insensitively in the message and raw cause. */
    static final List<String> UNRESUMABLE_CAUSES = List.of(
            "unsupported modify column", "unsupported drop integer primary key", "unsupported add column",
            "error 1059", "error 1117", "error 1069", "error 1062", "error 1406", "error 1366", "error 8025",
            "duplicate entry", "data too long", "incorrect string value",
            "could not find first log file name in binary log index file",
            "the slave is connecting using change master to master_auto_position = 1",
            "purged binary logs", "binlog truncated in the middle of event", "binlog checksum mismatch");

    private ResumePolicy() {
    }

    public static boolean resumable(List<DmException> errors) {
        return !errors.isEmpty() && errors.stream().allMatch(ResumePolicy::resumable);
    }

    static boolean resumable(DmException e) {
        if (!e.retryable()) {
            return false;
        }
        String text = (e.detail() + " " + e.rawCause()).toLowerCase(Locale.ROOT);
        return UNRESUMABLE_CAUSES.stream().noneMatch(text::contains);
    }
}
