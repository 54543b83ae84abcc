package io.dm4j.proto.message;

/** DM's precheck summary: whether the task may start, and how many findings of each state. */
public record CheckSummary(boolean passed, int total, int successful, int failed, int warning) {
}
