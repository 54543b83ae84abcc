package io.dm4j.proto.message;

/** {@code operate-leader evict|cancel-evict}: move leadership off the current leader, or let it lead again. */
public record OperateLeaderRequest(String op) {
}
