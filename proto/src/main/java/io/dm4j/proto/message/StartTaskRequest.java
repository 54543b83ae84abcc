package io.dm4j.proto.message;

import java.util.List;

/**
 * {@code start-task [-s source..] [--remove-meta] [--start-time T] <task.yaml>}.
 *
 * @param task    the task.yaml text
 * @param origin  the file name the user gave, for messages
 * @param sources the sources to start ("" list = every source of the task)
 */
public record StartTaskRequest(String task, String origin, List<String> sources, boolean removeMeta, String startTime) {
    public StartTaskRequest {
        sources = sources == null ? List.of() : List.copyOf(sources);
        startTime = startTime == null ? "" : startTime;
        origin = origin == null || origin.isEmpty() ? "task.yaml" : origin;
    }
}
