package io.dm4j.proto.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a subtask's unit last stopped: canceled on request ({@code isCanceled}) or with errors.
 *
 * @param detail free text, or null
 */
public record ProcessResult(@JsonProperty("isCanceled") boolean isCanceled, @JsonProperty("errors") List<ProcessError> errors,
                            @JsonProperty("detail") String detail) {
    public ProcessResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
