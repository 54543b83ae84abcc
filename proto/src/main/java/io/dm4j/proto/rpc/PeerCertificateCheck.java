package io.dm4j.proto.rpc;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RpcErrors;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Sits right after the {@link SslHandler}: after a successful handshake checks the peer certificate's CN against
 * cert-allowed-cn, records it, and fires {@link ChannelReady}. Nothing is passed up before that.
 */
final class PeerCertificateCheck extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCertificateCheck.class);

    private final List<String> allowedCommonNames;
    private boolean verified;

    PeerCertificateCheck(List<String> allowedCommonNames) {
        this.allowedCommonNames = allowedCommonNames;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (!done.isSuccess()) {
            String reason = "TLS handshake failed: " + ChannelAttrs.describe(done.cause());
            LOG.debug("{} with {}", reason, ctx.channel().remoteAddress());
            ChannelAttrs.noteReason(ctx.channel(), reason);
            ctx.fireUserEventTriggered(evt);
            return;
        }
        String cn = peerCommonName(ctx);
        if (!allowedCommonNames.isEmpty() && (cn == null || !allowedCommonNames.contains(cn))) {
            DmException refused = RpcErrors.CERT_CN_NOT_ALLOWED.error(ctx.channel().remoteAddress(),
                    cn == null ? "(no certificate)" : cn, allowedCommonNames);
            LOG.warn("closing connection: {}", refused.getMessage());
            ChannelAttrs.closeWithReason(ctx.channel(), refused.detail());
            return;
        }
        if (cn != null) {
            ctx.channel().attr(ChannelAttrs.PEER_CN).set(cn);
        }
        verified = true;
        ctx.fireUserEventTriggered(evt);
        ctx.fireUserEventTriggered(ChannelReady.INSTANCE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (verified) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private static String peerCommonName(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return null;
            }
            return io.dm4j.common.tls.CertNames.commonName(leaf);
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }
}
