package io.dm4j.master.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.errors.DmException;
import io.dm4j.proto.http.HttpReply;
import java.nio.charset.StandardCharsets;

/** What an OpenAPI operation answers; errors in DM's shape {@code {"error_code": ..., "error_msg": ...}}. */
record ApiReply(int status, JsonNode json, HttpReply raw) {
    ApiReply(int status, JsonNode json) {
        this(status, json, null);
    }

    /** A body that is not JSON (the docs page). */
    static ApiReply raw(HttpReply reply) {
        return new ApiReply(reply.status(), null, reply);
    }

    static ApiReply ok(JsonNode json) {
        return new ApiReply(200, json);
    }

    static ApiReply created(JsonNode json) {
        return new ApiReply(201, json);
    }

    static ApiReply noContent() {
        return new ApiReply(204, null);
    }

    static ApiReply error(int status, DmException e) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error_code", e.code().code());
        body.put("error_msg", e.getMessage());
        return new ApiReply(status, body);
    }

    HttpReply toHttp() {
        if (raw != null) {
            return raw;
        }
        if (json == null) {
            return new HttpReply(status, HttpReply.JSON, new byte[0]);
        }
        try {
            return new HttpReply(status, HttpReply.JSON,
                    (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an OpenAPI answer", e);
        }
    }
}
