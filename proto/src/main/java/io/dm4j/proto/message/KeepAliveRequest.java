package io.dm4j.proto.message;

/**
 * Heartbeat of a registered worker.
 *
 * @param ttlSeconds the keepalive TTL the worker asks for from now on, as DM renews its lease with another TTL:
 *                   {@code relay-keepalive-ttl} while it pulls a relay log, else {@code keepalive-ttl}; 0 keeps the
 *                   TTL it registered with
 */
public record KeepAliveRequest(String name, long ttlSeconds) {
    public KeepAliveRequest(String name) {
        this(name, 0);
    }
}
