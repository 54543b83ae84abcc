package io.dm4j.proto.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * First handler after TLS on a server connection: looks at the first four bytes once, installs either the HTTP
 * handlers or the RPC framing behind itself, then leaves the pipeline (the bytes it held go on to the new handlers).
 * <p>
 * Unambiguous because an RPC frame starts with its big-endian length: four ASCII capitals would be a length over
 * 1 GiB, far beyond the largest frame the server accepts.
 */
public final class ProtocolSniffer extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSniffer.class);
    /** First four bytes of every HTTP/1.x request method. */
    private static final Set<String> HTTP_PREFIXES =
            Set.of("GET ", "HEAD", "POST", "PUT ", "DELE", "OPTI", "PATC", "TRAC", "CONN");

    private final Consumer<ChannelPipeline> installRpc;
    private final Consumer<ChannelPipeline> installHttp;

    /** Each installer adds its handlers at the end of the pipeline (behind this sniffer). */
    public ProtocolSniffer(Consumer<ChannelPipeline> installRpc, Consumer<ChannelPipeline> installHttp) {
        this.installRpc = installRpc;
        this.installHttp = installHttp;
    }

    /** Whether a connection starting with these four bytes speaks HTTP. */
    static boolean looksLikeHttp(ByteBuf in, int index) {
        return HTTP_PREFIXES.contains(in.toString(index, 4, StandardCharsets.ISO_8859_1));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        if (looksLikeHttp(in, in.readerIndex())) {
            installHttp.accept(pipeline);
        } else {
            installRpc.accept(pipeline);
        }
        pipeline.remove(this);
    }

    /** Until the protocol is known this is the last handler: a failed TLS handshake etc. ends here. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection from {} before its first request: {}", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
