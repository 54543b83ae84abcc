package io.dm4j.master.check;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code timezone} (dm4j's own item): a warning when the upstream's time zone offset differs from the zone the
 * downstream sessions use, which is the task's {@code timezone}, or the downstream's own zone when that is empty.
 * Row values of TIMESTAMP columns are exact either way; what differs is the text of the full copy's TIMESTAMP
 * values and what NOW()/CURRENT_TIMESTAMP defaults and expression filters see.
 */
final class TimezoneCheck extends PerSourceItem {
    private static final String OFFSET = "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())";

    TimezoneCheck() {
        super("timezone", ALWAYS);
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        long up = Long.parseLong(s.db.query(OFFSET).get(0).get(0));
        String tz = ctx.task().timezone();
        long down;
        String downName;
        if (tz.isEmpty()) {
            down = Long.parseLong(ctx.target().query(OFFSET).get(0).get(0));
            downName = ctx.target().label() + "'s time zone";
        } else {
            try {
                down = ZoneId.of(tz).getRules().getOffset(Instant.now()).getTotalSeconds();
            } catch (DateTimeException e) {
                out.warn(name(), s.db.label(), "timezone `" + tz + "` of the task is not a zone dm4j knows",
                        "Give timezone as an offset such as `+08:00` or a region such as `Asia/Shanghai`.");
                return;
            }
            downName = "the task's timezone `" + tz + "`";
        }
        if (Math.abs(up - down) < 60) {
            out.success(name(), s.db.label(), "upstream offset " + offset(up) + " equals " + downName);
        } else {
            out.warn(name(), s.db.label(), "upstream offset " + offset(up) + " differs from " + downName + " (" + offset(down) + ")",
                    "Set `timezone` in the task file to the upstream's zone, so TIMESTAMP values of the full copy and"
                            + " NOW() defaults match.");
        }
    }

    private static String offset(long seconds) {
        long m = Math.abs(seconds) / 60;
        return String.format("%s%02d:%02d", seconds < 0 ? "-" : "+", m / 60, m % 60);
    }
}
