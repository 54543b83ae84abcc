package io.dm4j.proto.message;

import java.util.List;

/** One task of {@code query-status} without a task name: name, derived status, its sources. */
public record TaskSummary(String taskName, String taskStatus, List<String> sources) {
    public TaskSummary {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
