package io.dm4j.proto.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** DM's stage of a subtask or relay, written as DM prints it ({@code "Running"}). Unknown labels read as INVALID. */
public enum Stage {
    INVALID("InvalidStage"), NEW("New"), RUNNING("Running"), PAUSED("Paused"), STOPPED("Stopped"), FINISHED("Finished"),
    PAUSING("Pausing"), RESUMING("Resuming"), STOPPING("Stopping");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Stage of(String label) {
        for (Stage s : values()) {
            if (s.label.equalsIgnoreCase(label)) {
                return s;
            }
        }
        return INVALID;
    }
}
