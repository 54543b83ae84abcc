package io.dm4j.proto.rpc;

import java.net.SocketAddress;
import java.time.Duration;

/**
 * What a handler may want to know about the call it serves.
 *
 * @param method          the method name
 * @param id              the caller's correlation id (for logs)
 * @param remoteAddress   the caller's socket address
 * @param peerCommonName  CN of the caller's TLS certificate, or null without mutual TLS
 * @param deadlineNanos   {@link System#nanoTime()} after which the caller has given up; {@link Long#MAX_VALUE}
 *                        when it set no deadline
 */
public record RpcCall(String method, long id, SocketAddress remoteAddress, String peerCommonName, long deadlineNanos) {

    /** Time left before the caller gives up (negative once expired); very long without a deadline. */
    public Duration remaining() {
        return deadlineNanos == Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE)
                : Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    public boolean expired() {
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0;
    }
}
