package io.dm4j.proto.message;

/**
 * An explicit operation on one subtask of the worker's source: {@code Start}, {@code Pause}, {@code Resume} or
 * {@code Stop} (DM's TaskOp). Unlike {@link BindSourceRequest}, {@code Resume} resumes a subtask paused by an error.
 */
public record OperateSubTaskRequest(long revision, String op, SubTaskSpec subtask) {
}
