package io.dm4j.proto.rpc;

/** User event fired once a TLS connection has passed the handshake and the peer-certificate checks. */
enum ChannelReady {
    INSTANCE
}
