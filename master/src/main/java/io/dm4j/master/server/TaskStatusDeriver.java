package io.dm4j.master.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.proto.message.SourceStatus;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskStatus;
import java.util.List;

/**
 * A task's one-word status for query-status without a task name, derived from its subtasks as DM derives it:
 * an error wins, then a relay that is not running under a running sync, then the stage all subtasks share, then
 * Paused, else Running.
 */
public final class TaskStatusDeriver {
    public static final String ERROR_SUBTASK = "Error - Some error occurred in subtask";
    public static final String ERROR_NO_STATUS = "Error - Some subtask's worker did not answer";

    private TaskStatusDeriver() {
    }

    /**
     * @param subtasks  the task's subtasks' statuses, with the source status of each one's source
     * @param unanswered how many of the task's sources gave no status (no worker, worker not answering)
     */
    public static String derive(List<WithSource> subtasks, int unanswered) {
        for (WithSource w : subtasks) {
            if (w.status.pausedWithErrors()) {
                return ERROR_SUBTASK;
            }
        }
        for (WithSource w : subtasks) {
            if (w.status.stage() == Stage.RUNNING && "Sync".equals(w.status.unit())) {
                Stage relay = relayStage(w.source);
                if (relay == Stage.PAUSED || relay == Stage.STOPPED) {
                    return "Error - Relay status is " + relay.label();
                }
            }
        }
        if (unanswered > 0) {
            return ERROR_NO_STATUS;
        }
        if (subtasks.isEmpty()) {
            return Stage.NEW.label();
        }
        for (Stage all : List.of(Stage.NEW, Stage.FINISHED, Stage.STOPPED)) {
            if (subtasks.stream().allMatch(w -> w.status.stage() == all)) {
                return all.label();
            }
        }
        if (subtasks.stream().anyMatch(w -> w.status.stage() == Stage.PAUSED)) {
            return Stage.PAUSED.label();
        }
        return Stage.RUNNING.label();
    }

    private static Stage relayStage(SourceStatus source) {
        if (source == null || source.relayStatus() == null) {
            return null;
        }
        JsonNode stage = source.relayStatus().get("stage");
        return stage == null ? null : Stage.of(stage.asText());
    }

    /** A subtask's status with the status of its source (for the relay rule). */
    public record WithSource(SubTaskStatus status, SourceStatus source) {
    }
}
