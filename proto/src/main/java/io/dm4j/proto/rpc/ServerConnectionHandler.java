package io.dm4j.proto.rpc;

import io.dm4j.proto.wire.Envelope;
import io.dm4j.proto.wire.UnreadableFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last handler of a server connection: answers pings, hands requests to the server, reports unreadable frames. */
final class ServerConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnectionHandler.class);

    private final RpcServer server;

    ServerConnectionHandler(RpcServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        LOG.debug("RPC connection from {}", ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        LOG.debug("RPC connection from {} closed: {}", ctx.channel().remoteAddress(),
                ChannelAttrs.closeReason(ctx.channel()));
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Envelope e) {
            switch (e.kind()) {
                case REQUEST -> server.dispatch(ctx.channel(), e, System.nanoTime());
                case PING -> server.reply(ctx.channel(), Envelope.pong(e.id()));
                case PONG -> { }
                default -> LOG.debug("dropping unexpected {} {} from {}", e.kind(), e.id(), ctx.channel().remoteAddress());
            }
        } else if (msg instanceof UnreadableFrame f) {
            LOG.warn("unreadable message {} from {}: {}", f.id(), ctx.channel().remoteAddress(), f.error().getMessage());
            server.replyError(ctx.channel(), f.id(), null, f.error());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String reason = ChannelAttrs.describe(cause);
        LOG.debug("closing RPC connection from {}: {}", ctx.channel().remoteAddress(), reason);
        ChannelAttrs.closeWithReason(ctx.channel(), reason);
    }
}
