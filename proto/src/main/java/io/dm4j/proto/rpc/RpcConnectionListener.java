package io.dm4j.proto.rpc;

import java.net.InetSocketAddress;

/**
 * Connection up/down events of an {@link RpcClient}, delivered one at a time in order on a client thread (not an
 * event loop). A connection counts as up once TCP and, with TLS, the handshake and certificate checks succeeded.
 */
public interface RpcConnectionListener {

    default void connected(InetSocketAddress peer) {
    }

    /** @param reason why, e.g. "peer closed the connection" or "peer silent for 30000 ms (keepalive)" */
    default void disconnected(InetSocketAddress peer, String reason) {
    }
}
