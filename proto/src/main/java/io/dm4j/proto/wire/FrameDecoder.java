package io.dm4j.proto.wire;

import io.dm4j.common.errors.RpcErrors;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;

/**
 * Splits the byte stream into frames of a 4-byte big-endian length followed by that many bytes of envelope JSON.
 * A frame over the limit is skipped without buffering it, and an {@link UnreadableFrame} naming the call (its id
 * is read from the first bytes) goes up instead, so one oversize message fails one call, not the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    static final int HEADER_BYTES = 4;
    private static final int PEEK_BYTES = 128;

    private final int maxFrameBytes;
    private long bytesToSkip;

    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (bytesToSkip > 0) {
            int n = (int) Math.min(bytesToSkip, in.readableBytes());
            in.skipBytes(n);
            bytesToSkip -= n;
            return;
        }
        if (in.readableBytes() < HEADER_BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 0) {
            in.skipBytes(in.readableBytes()); // the stream cannot be resynchronised; the connection gets closed
            throw new CorruptedFrameException("negative frame length " + length + "; the peer does not speak dm4j RPC");
        }
        if (length > maxFrameBytes) {
            int peek = Math.min(length, PEEK_BYTES);
            if (in.readableBytes() < HEADER_BYTES + peek) {
                return;
            }
            byte[] prefix = new byte[peek];
            in.getBytes(in.readerIndex() + HEADER_BYTES, prefix);
            in.skipBytes(HEADER_BYTES);
            bytesToSkip = length;
            long id = EnvelopeHeader.peek(prefix, peek).id();
            out.add(new UnreadableFrame(id,
                    RpcErrors.FRAME_TOO_LARGE.error("received message", (long) length, (long) maxFrameBytes)));
            return;
        }
        if (in.readableBytes() < HEADER_BYTES + length) {
            return;
        }
        in.skipBytes(HEADER_BYTES);
        out.add(in.readRetainedSlice(length));
    }
}
