package io.dm4j.proto.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.ProtoJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldPrepender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames and envelopes from bytes, without sockets. */
class FramingTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(256), new EnvelopeDecoder());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeInt(body.length).writeBytes(body);
    }

    @Test
    void envelopeJsonHasTheDocumentedShape() throws Exception {
        byte[] bytes = EnvelopeEncoder.encode(Envelope.request(123, "StartTask", 30000,
                Payloads.toTree(Map.of("name", "task1"))), 1 << 20, "request");

        assertEquals("{\"v\":1,\"id\":123,\"kind\":\"request\",\"method\":\"StartTask\",\"timeoutMs\":30000,"
                + "\"payload\":{\"name\":\"task1\"}}", new String(bytes, StandardCharsets.UTF_8));
        JsonNode error = ProtoJson.mapper().readTree(EnvelopeEncoder.encode(Envelope.errorResponse(5, "X",
                WireErrors.toWire(RpcErrors.SERVER_BUSY.error("X", 3))), 1 << 20, "error")).get("error");
        assertEquals(11208, error.get("code").asInt());
        assertEquals("functional", error.get("class").asText());
        assertEquals("internal", error.get("scope").asText());
        assertEquals("medium", error.get("level").asText());
        assertEquals("server rejected call X: 3 calls are already queued", error.get("message").asText());
        assertTrue(error.get("retryable").asBoolean());
    }

    @Test
    void framesSplitAcrossReadsAndSeveralPerReadAreDecoded() {
        ByteBuf two = Unpooled.buffer()
                .writeBytes(frame("{\"v\":1,\"id\":1,\"kind\":\"ping\"}"))
                .writeBytes(frame("{\"v\":1,\"id\":2,\"kind\":\"pong\"}"));
        channel.writeInbound(two.readRetainedSlice(3));
        assertNull(channel.readInbound());
        channel.writeInbound(two.readRetainedSlice(20));
        assertNull(channel.readInbound());
        channel.writeInbound(two.readRetainedSlice(two.readableBytes()));
        two.release();

        Envelope first = channel.readInbound();
        Envelope second = channel.readInbound();
        assertEquals(EnvelopeKind.PING, first.kind());
        assertEquals(1, first.id());
        assertEquals(EnvelopeKind.PONG, second.kind());
        assertEquals(2, second.id());
    }

    @Test
    void oversizeFrameIsSkippedReportingItsIdAndTheNextFrameStillDecodes() {
        String big = "{\"v\":1,\"id\":77,\"kind\":\"request\",\"method\":\"M\",\"payload\":\"" + "x".repeat(1000) + "\"}";
        ByteBuf bytes = Unpooled.buffer().writeBytes(frame(big)).writeBytes(frame("{\"v\":1,\"id\":78,\"kind\":\"ping\"}"));
        // arrives in small pieces, so the decoder must skip without buffering the whole frame
        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(Math.min(100, bytes.readableBytes())));
        }
        bytes.release();

        UnreadableFrame tooLarge = channel.readInbound();
        assertEquals(77, tooLarge.id());
        assertSame(RpcErrors.FRAME_TOO_LARGE, tooLarge.error().code());
        assertEquals("received message of " + big.length() + " bytes exceeds the maximum frame size of 256 bytes",
                tooLarge.error().detail());
        Envelope next = channel.readInbound();
        assertEquals(78, next.id());
    }

    @Test
    void negativeLengthClosesTheStream() {
        Throwable t = assertThrows(Throwable.class, () -> {
            channel.writeInbound(Unpooled.buffer().writeInt(-5));
            channel.checkException();
        });
        assertInstanceOf(CorruptedFrameException.class, t);
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        channel.writeInbound(frame("{\"v\":1,\"id\":3,\"kind\":\"response\",\"method\":\"M\",\"trace\":\"abc\","
                + "\"payload\":{\"result\":true}}"));

        Envelope e = channel.readInbound();
        assertEquals(EnvelopeKind.RESPONSE, e.kind());
        assertTrue(e.payload().get("result").asBoolean());
    }

    @Test
    void laterVersionIsReportedWithTheCallsId() {
        // a v2 envelope may not even fit v1's shape: the id and version are still found
        channel.writeInbound(frame("{\"v\":2,\"id\":9,\"kind\":[\"request\"],\"method\":{}}"));

        UnreadableFrame f = channel.readInbound();
        assertEquals(9, f.id());
        assertSame(RpcErrors.UNSUPPORTED_VERSION, f.error().code());
    }

    @Test
    void malformedJsonIsReportedWithTheIdWhenItCanBeRead() {
        channel.writeInbound(frame("{\"v\":1,\"id\":11,\"kind\":\"request\",\"payload\":{"));
        channel.writeInbound(frame("not json at all"));
        channel.writeInbound(frame("{\"id\":12,\"kind\":\"ping\"}"));

        UnreadableFrame withId = channel.readInbound();
        UnreadableFrame withoutId = channel.readInbound();
        UnreadableFrame withoutVersion = channel.readInbound();
        assertEquals(11, withId.id());
        assertSame(RpcErrors.MALFORMED_MESSAGE, withId.error().code());
        assertEquals(0, withoutId.id());
        assertSame(RpcErrors.MALFORMED_MESSAGE, withoutId.error().code());
        assertEquals(12, withoutVersion.id());
        assertEquals("received an unreadable message: envelope has no version field v", withoutVersion.error().detail());
    }

    @Test
    void headerPeekDoesNotTrustAnIdCutByTheEndOfThePrefix() {
        byte[] json = "{\"v\":1,\"id\":123456,\"kind\":\"request\"}".getBytes(StandardCharsets.UTF_8);
        int cutInsideId = "{\"v\":1,\"id\":123".length();

        assertEquals(new EnvelopeHeader(1, 123456), EnvelopeHeader.peek(json, json.length));
        assertEquals(new EnvelopeHeader(1, 0), EnvelopeHeader.peek(json, cutInsideId));
        int afterNextName = "{\"v\":1,\"id\":123456,\"kind\":\"".length();
        assertEquals(new EnvelopeHeader(1, 123456), EnvelopeHeader.peek(json, afterNextName));
    }

    @Test
    void encoderRefusesBodiesOverTheLimit() {
        Envelope e = Envelope.request(1, "M", 1000, Payloads.toTree("y".repeat(300)));
        DmException tooLarge = assertThrows(DmException.class, () -> EnvelopeEncoder.encode(e, 256, "request M"));
        assertSame(RpcErrors.FRAME_TOO_LARGE, tooLarge.code());
        assertFalse(tooLarge.retryable());
    }

    @Test
    void writtenFramesReadBack() {
        EmbeddedChannel writer = new EmbeddedChannel(new LengthFieldPrepender(4));
        writer.writeOutbound(Unpooled.wrappedBuffer(EnvelopeEncoder.encode(Envelope.pong(4), 256, "pong")));
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = writer.readOutbound()) != null; part.release()) {
            wire.writeBytes(part);
        }
        writer.finishAndReleaseAll();

        channel.writeInbound(wire);

        Envelope e = assertInstanceOf(Envelope.class, channel.readInbound());
        assertEquals(Envelope.pong(4), e);
    }
}
