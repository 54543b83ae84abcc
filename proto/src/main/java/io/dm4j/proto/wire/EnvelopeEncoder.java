package io.dm4j.proto.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dm4j.common.errors.CommonErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.ProtoJson;

/**
 * Serialises an envelope to the frame body (the 4-byte length is prepended by the pipeline). Runs on the caller's
 * or handler's thread, never on an event loop, and refuses a body over the frame limit before anything is sent, so
 * the caller gets a precise error and the peer never sees the oversize frame.
 */
public final class EnvelopeEncoder {
    private EnvelopeEncoder() {
    }

    /**
     * @param what names the message in the error, e.g. "request StartTask"
     * @throws DmException {@link RpcErrors#FRAME_TOO_LARGE} when the body exceeds {@code maxFrameBytes}
     */
    public static byte[] encode(Envelope envelope, int maxFrameBytes, String what) {
        byte[] body;
        try {
            body = ProtoJson.mapper().writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw CommonErrors.UNKNOWN.wrap(e, "cannot serialise " + what + " as JSON: " + e.getOriginalMessage());
        }
        if (body.length > maxFrameBytes) {
            throw RpcErrors.FRAME_TOO_LARGE.error(what, (long) body.length, (long) maxFrameBytes);
        }
        return body;
    }
}
