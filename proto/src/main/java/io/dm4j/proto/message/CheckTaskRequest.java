package io.dm4j.proto.message;

/**
 * {@code check-task <task.yaml> [-e N] [-w N] [--start-time T]}.
 *
 * @param errCnt  most errors to show
 * @param warnCnt most warnings to show
 */
public record CheckTaskRequest(String task, String origin, int errCnt, int warnCnt, String startTime) {
    public CheckTaskRequest {
        origin = origin == null || origin.isEmpty() ? "task.yaml" : origin;
        startTime = startTime == null ? "" : startTime;
    }
}
