package io.dm4j.proto.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.ProtoJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Turns each frame into an {@link Envelope}, or into an {@link UnreadableFrame} saying what is wrong with it. */
public final class EnvelopeDecoder extends MessageToMessageDecoder<ByteBuf> {

    public EnvelopeDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        Envelope envelope;
        try {
            InputStream body = new ByteBufInputStream(frame.duplicate()); // typed as InputStream: it is a DataInput too
            envelope = ProtoJson.mapper().readValue(body, Envelope.class);
        } catch (IOException e) {
            byte[] bytes = ByteBufUtil.getBytes(frame);
            EnvelopeHeader header = EnvelopeHeader.peek(bytes, bytes.length);
            if (header.version() != null && header.version() != Envelope.VERSION) {
                out.add(unsupported(header.id(), header.version()));
            } else {
                // the parser's own text without its multi-line source excerpt
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
                out.add(new UnreadableFrame(header.id(), RpcErrors.MALFORMED_MESSAGE.error("invalid JSON envelope ("
                        + why + ")")));
            }
            return;
        }
        if (envelope == null || envelope.v() == 0) {
            long id = envelope == null ? 0 : envelope.id();
            out.add(new UnreadableFrame(id, RpcErrors.MALFORMED_MESSAGE.error("envelope has no version field v")));
        } else if (envelope.v() != Envelope.VERSION) {
            out.add(unsupported(envelope.id(), envelope.v()));
        } else if (envelope.kind() == null || envelope.kind() == EnvelopeKind.UNKNOWN) {
            out.add(new UnreadableFrame(envelope.id(), RpcErrors.MALFORMED_MESSAGE.error(
                    "envelope kind is missing or unknown; known kinds: request, response, ping, pong")));
        } else {
            out.add(envelope);
        }
    }

    private static UnreadableFrame unsupported(long id, int version) {
        return new UnreadableFrame(id, RpcErrors.UNSUPPORTED_VERSION.error(version, Envelope.VERSION));
    }
}
