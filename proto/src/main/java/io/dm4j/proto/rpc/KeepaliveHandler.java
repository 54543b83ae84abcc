package io.dm4j.proto.rpc;

import io.dm4j.proto.wire.Envelope;
import io.dm4j.proto.wire.EnvelopeEncoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Follows an {@link IdleStateHandler} firing every {@code interval} without reads: counts silent intervals, pings
 * (client side) while under the limit, closes the connection at {@code maxMissed}. Any received byte resets it.
 */
final class KeepaliveHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(KeepaliveHandler.class);

    private final KeepaliveConfig config;
    private final boolean sendPings;
    private int missed;
    private long pingId;

    KeepaliveHandler(KeepaliveConfig config, boolean sendPings) {
        this.config = config;
        this.sendPings = sendPings;
    }

    static IdleStateHandler idleDetector(KeepaliveConfig config) {
        return new IdleStateHandler(config.interval().toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        missed = 0;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        missed++;
        if (missed >= config.maxMissed()) {
            String reason = "peer silent for " + config.silenceLimit().toMillis() + " ms (" + config.maxMissed()
                    + " keepalive intervals of " + config.interval().toMillis() + " ms)";
            LOG.warn("closing connection to {}: {}", ctx.channel().remoteAddress(), reason);
            ChannelAttrs.closeWithReason(ctx.channel(), reason);
        } else if (sendPings) {
            byte[] ping = EnvelopeEncoder.encode(Envelope.ping(++pingId), Integer.MAX_VALUE, "ping");
            // from the tail, so that the frame encoder adds the length prefix
            ctx.channel().writeAndFlush(Unpooled.wrappedBuffer(ping));
        }
    }
}
