package io.dm4j.proto.message;

/** The master asks a worker for its source's and subtasks' status; name "" = every subtask. */
public record QueryWorkerStatusRequest(String name) {
}
