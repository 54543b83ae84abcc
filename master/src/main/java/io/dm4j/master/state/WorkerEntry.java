package io.dm4j.master.state;

/** A registered worker: where to reach it and how long its keepalive may lapse before it counts as offline. */
public record WorkerEntry(String name, String address, long keepaliveTtlSeconds) {
}
