package io.dm4j.worker.subtask;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code start-task --start-time} as DM accepts it: {@code 2021-10-21 00:01:00}, {@code 2021-10-21T00:01:00},
 * or either with an offset such as {@code +08:00}; without an offset the task's time zone applies.
 */
final class StartTimes {
    private StartTimes() {
    }

    static Instant parse(String text, ZoneId taskZone) {
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).atZone(taskZone).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("--start-time '" + text + "' is not a time; use '2021-10-21 00:01:00',"
                        + " '2021-10-21T00:01:00' or either with an offset like '+08:00'", e2);
            }
        }
    }
}
