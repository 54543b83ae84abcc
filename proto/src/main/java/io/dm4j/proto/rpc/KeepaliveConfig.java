package io.dm4j.proto.rpc;

import io.dm4j.common.errors.RpcErrors;

import java.time.Duration;

/**
 * Liveness of a connection. A client pings after each {@code interval} in which it read nothing; either side
 * closes the connection once the peer has been silent for {@code maxMissed} intervals. A server's
 * {@code interval * maxMissed} must exceed its clients' ping interval.
 */
public record KeepaliveConfig(Duration interval, int maxMissed) {

    public static final KeepaliveConfig DEFAULT = new KeepaliveConfig(Duration.ofSeconds(10), 3);

    public KeepaliveConfig {
        if (interval == null || interval.toMillis() < 1) {
            throw RpcErrors.INVALID_OPTION.error("keepalive interval", interval, "must be at least 1 ms");
        }
        if (maxMissed < 1) {
            throw RpcErrors.INVALID_OPTION.error("keepalive max missed", maxMissed, "must be at least 1");
        }
    }

    /** How long a silent peer is tolerated. */
    public Duration silenceLimit() {
        return interval.multipliedBy(maxMissed);
    }
}
