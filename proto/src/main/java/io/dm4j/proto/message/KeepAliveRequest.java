package io.dm4j.proto.message;

/**
 * Heartbeat of a registered worker.
 *
 * @param ttlSeconds the keepalive TTL the worker asks for from now on, as DM renews its lease with another TTL:
 *                   {@code relay-keepalive-ttl} while it pulls a relay log, else {@code keepalive-ttl}; 0 keeps the
 *                   TTL it registered with
 * @param leaving    the worker is stopping (its subtasks are already paused, checkpoints flushed): the master
 *                   declares it offline now instead of a TTL later, as DM's worker revokes its etcd lease on a
 *                   graceful stop, so its source can move to a free worker at once
 */
public record KeepAliveRequest(String name, long ttlSeconds, boolean leaving) {
    public KeepAliveRequest(String name) {
        this(name, 0, false);
    }

    public KeepAliveRequest(String name, long ttlSeconds) {
        this(name, ttlSeconds, false);
    }
}
