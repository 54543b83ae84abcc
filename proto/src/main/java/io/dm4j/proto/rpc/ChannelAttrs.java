package io.dm4j.proto.rpc;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** Per-connection facts shared between pipeline handlers. */
final class ChannelAttrs {
    /** Why the connection was closed by this side (keepalive, TLS, ...); read when reporting the loss. */
    static final AttributeKey<String> CLOSE_REASON = AttributeKey.valueOf("dm4j.rpc.closeReason");
    /** CN of the peer's verified TLS certificate. */
    static final AttributeKey<String> PEER_CN = AttributeKey.valueOf("dm4j.rpc.peerCn");

    private ChannelAttrs() {
    }

    static void noteReason(Channel ch, String reason) {
        ch.attr(CLOSE_REASON).setIfAbsent(reason);
    }

    static void closeWithReason(Channel ch, String reason) {
        noteReason(ch, reason);
        ch.close();
    }

    static String closeReason(Channel ch) {
        String r = ch.attr(CLOSE_REASON).get();
        return r == null ? "peer closed the connection" : r;
    }

    /** The deepest cause that has a message, as "Type: message" (skips Netty's wrappers). */
    static String describe(Throwable t) {
        Throwable best = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null || best.getMessage() == null) {
                best = c;
            }
        }
        String m = best.getMessage();
        return best.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
