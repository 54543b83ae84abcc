package io.dm4j.worker.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Which keepalive TTL this worker asks the master for, as a DM worker renews its lease: {@code relay-keepalive-ttl}
 * while it pulls a relay log (the relay of its bound source exists, running or paused), {@code keepalive-ttl}
 * otherwise. A relay worker is thus given longer before its source moves to another worker, which would have to pull
 * the relay log again from the upstream.
 */
record KeepaliveTtls(Duration normal, Duration relay, BooleanSupplier pullingRelay) {
    /** The TTL that applies now. */
    Duration current() {
        return pullingRelay.getAsBoolean() ? relay : normal;
    }

    /** The shorter of the two: heartbeats are sent often enough for it. */
    Duration shortest() {
        return normal.compareTo(relay) <= 0 ? normal : relay;
    }
}
