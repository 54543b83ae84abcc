package io.dm4j.proto.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Task arguments given on the command line rather than in task.yaml ({@code start-task --remove-meta --start-time});
 * they apply to the first start of a subtask after {@code start-task} and are then cleared, as in DM.
 *
 * @param startTime "" or a time in one of DM's forms: {@code 2021-10-21 00:01:00}, {@code 2021-10-21T00:01:00},
 *                  optionally followed by an offset such as {@code +08:00}
 */
public record TaskCliArgs(boolean removeMeta, String startTime) {
    public static final TaskCliArgs NONE = new TaskCliArgs(false, "");

    public TaskCliArgs {
        startTime = startTime == null ? "" : startTime;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return !removeMeta && startTime.isEmpty();
    }

    /**
     * Problem with a start time, or null when it is empty or valid. The time is taken in the upstream's zone
     * when it has no offset.
     */
    public static String startTimeProblem(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.trim().replace(' ', 'T');
        try {
            OffsetDateTime.parse(t);
            return null;
        } catch (DateTimeParseException e) {
            // try without offset
        }
        try {
            LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
            return null;
        } catch (DateTimeParseException e) {
            return "start-time `" + text + "` is not a time; use `2006-01-02 15:04:05`, `2006-01-02T15:04:05`"
                    + " or either with an offset such as `+08:00`";
        }
    }
}
