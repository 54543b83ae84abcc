package io.dm4j.master.check;

import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code binlog_retention} (dm4j's own item): a warning when the upstream purges binlogs after less than a week,
 * since a full copy, a long pause or a stopped worker must be able to resume from where sync stopped.
 */
final class BinlogRetentionCheck extends PerSourceItem {
    static final Duration MIN = Duration.ofDays(7);

    BinlogRetentionCheck() {
        super("binlog_retention", SYNCS);
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        long seconds = s.db.variable("binlog_expire_logs_seconds").map(BinlogRetentionCheck::number).orElse(0L);
        if (seconds == 0) {
            double days = s.db.variable("expire_logs_days").map(Double::parseDouble).orElse(0.0);
            seconds = (long) (days * 86_400);
        }
        if (seconds == 0) {
            out.success(name(), s.db.label(), "binlogs are not purged automatically");
        } else if (seconds < MIN.toSeconds()) {
            out.warn(name(), s.db.label(), "binlogs are purged after " + human(seconds),
                    "Keep binlogs for at least " + MIN.toDays() + " days (binlog_expire_logs_seconds / expire_logs_days),"
                            + " or a paused task may not resume (purged binlog).");
        } else {
            out.success(name(), s.db.label(), "binlogs are kept " + human(seconds));
        }
    }

    private static long number(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String human(long seconds) {
        return seconds % 86_400 == 0 ? seconds / 86_400 + " day(s)" : seconds / 3600.0 + " hour(s)";
    }
}
