package io.dm4j.proto.message;

import java.util.List;

/** One source of {@code query-status <task>}: DM's {@code QueryStatusResponse} (result, msg, sourceStatus, subTaskStatus). */
public record SourceStatusEntry(boolean result, String msg, SourceStatus sourceStatus, List<SubTaskStatus> subTaskStatus) {
    public SourceStatusEntry {
        subTaskStatus = subTaskStatus == null ? List.of() : List.copyOf(subTaskStatus);
    }
}
