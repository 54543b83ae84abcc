package io.dm4j.proto.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.dm4j.common.errors.CommonErrors;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.ProtoJson;

/** Converts request and response records to and from the JSON tree carried in {@link Envelope#payload()}. */
public final class Payloads {
    private Payloads() {
    }

    public static JsonNode toTree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        try {
            return ProtoJson.mapper().valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw CommonErrors.UNKNOWN.wrap(e, "cannot serialise " + value.getClass().getName() + " as JSON: "
                    + e.getMessage());
        }
    }

    /**
     * @param what "request" or "response", for the error message
     * @return null for an absent or null payload
     * @throws io.dm4j.common.errors.DmException {@link RpcErrors#BAD_PAYLOAD} when the JSON does not fit the type
     */
    public static <T> T read(JsonNode payload, Class<T> type, String what, String method) {
        if (payload == null || payload.isNull() || payload.isMissingNode() || type == Void.class) {
            return null;
        }
        try {
            return ProtoJson.mapper().treeToValue(payload, type);
        } catch (JsonProcessingException e) {
            // the parser's own text, without its multi-line source excerpt
            throw RpcErrors.BAD_PAYLOAD.error(what, method, type.getName(), e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw RpcErrors.BAD_PAYLOAD.wrap(e, what, method, type.getName(), e.getMessage());
        }
    }
}
