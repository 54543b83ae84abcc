package io.dm4j.master.scheduler;

import io.dm4j.master.state.WorkerEntry;

/**
 * The keepalive TTL a worker is judged by after a heartbeat: the one the heartbeat asks for (a worker pulling a
 * relay log asks for its {@code relay-keepalive-ttl}, as a DM worker renews its etcd lease with it), else the one it
 * registered with.
 */
public final class KeepaliveTtl {
    private KeepaliveTtl() {
    }

    /** The TTL in seconds for {@code known} after a heartbeat asking for {@code askedSeconds} (0: no change). */
    public static long after(WorkerEntry known, long askedSeconds) {
        return askedSeconds > 0 ? askedSeconds : known.keepaliveTtlSeconds();
    }

    /**
     * The entry to store when the TTL changed (so a newly elected master gives the worker the TTL it asked for),
     * else null.
     */
    public static WorkerEntry changed(WorkerEntry known, long askedSeconds) {
        long ttl = after(known, askedSeconds);
        return ttl == known.keepaliveTtlSeconds() ? null : new WorkerEntry(known.name(), known.address(), ttl);
    }
}
