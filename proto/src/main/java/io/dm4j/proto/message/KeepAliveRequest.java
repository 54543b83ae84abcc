package io.dm4j.proto.message;

/** Heartbeat of a registered worker. */
public record KeepAliveRequest(String name) {
}
