package io.dm4j.proto.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The single message shape on the wire (one per frame, JSON). See docs/protocol.md.
 *
 * @param v         envelope version; {@link #VERSION} is the only one this build speaks
 * @param id        correlation id chosen by the requester; a response, pong or error echoes it (0 = not known)
 * @param kind      request, response, ping or pong
 * @param method    the called method (requests; echoed on responses for logs)
 * @param timeoutMs the caller's remaining budget in milliseconds when it sent the request, relative so that clock
 *                  skew between hosts does not matter; absent means no deadline
 * @param payload   the request or response record as JSON
 * @param error     set on a failed response instead of a payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"v", "id", "kind", "method", "timeoutMs", "payload", "error"})
public record Envelope(int v, long id, EnvelopeKind kind, String method, Long timeoutMs, JsonNode payload,
                       WireError error) {

    public static final int VERSION = 1;

    public static Envelope request(long id, String method, long timeoutMs, JsonNode payload) {
        return new Envelope(VERSION, id, EnvelopeKind.REQUEST, method, timeoutMs, payload, null);
    }

    public static Envelope response(long id, String method, JsonNode payload) {
        return new Envelope(VERSION, id, EnvelopeKind.RESPONSE, method, null, payload, null);
    }

    public static Envelope errorResponse(long id, String method, WireError error) {
        return new Envelope(VERSION, id, EnvelopeKind.RESPONSE, method, null, null, error);
    }

    public static Envelope ping(long id) {
        return new Envelope(VERSION, id, EnvelopeKind.PING, null, null, null, null);
    }

    public static Envelope pong(long id) {
        return new Envelope(VERSION, id, EnvelopeKind.PONG, null, null, null, null);
    }
}
