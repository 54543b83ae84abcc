package io.dm4j.proto.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What an {@link HttpEndpoint} answers: status, content type and the whole body (the endpoints on the RPC port
 * answer small documents, so no streaming).
 */
public record HttpReply(int status, String contentType, byte[] body) {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    public HttpReply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static HttpReply text(int status, String text) {
        return new HttpReply(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpReply json(String json) {
        return new HttpReply(200, JSON, json.getBytes(StandardCharsets.UTF_8));
    }
}
