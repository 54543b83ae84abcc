package io.dm4j.proto.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of {@code subTaskStatus} in query-status, in DM's shape. Exactly one of {@code dump}, {@code load},
 * {@code sync}, {@code check} carries the current unit's own status (as the unit reports it); the others are left
 * out, as DM leaves out the unset alternatives.
 *
 * @param unit   {@code Dump}, {@code Load}, {@code Sync} (or "" before the first unit)
 * @param result null while nothing went wrong and nobody paused the subtask
 */
public record SubTaskStatus(String name, Stage stage, String unit, ProcessResult result,
                            @JsonProperty("unresolvedDDLLockID") String unresolvedDDLLockID,
                            @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode dump,
                            @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode load,
                            @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode sync,
                            @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode check) {

    public SubTaskStatus {
        unit = unit == null ? "" : unit;
        unresolvedDDLLockID = unresolvedDDLLockID == null ? "" : unresolvedDDLLockID;
    }

    /** Paused by an error (not by a request). */
    public boolean pausedWithErrors() {
        return stage == Stage.PAUSED && result != null && result.hasErrors();
    }
}
