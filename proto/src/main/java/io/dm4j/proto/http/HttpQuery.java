package io.dm4j.proto.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A request to an {@link HttpEndpoint}.
 *
 * @param method     the HTTP method in capitals ({@code GET}, {@code HEAD}; others only reach endpoints that
 *                   {@linkplain HttpEndpoint#acceptsWrites() accept writes})
 * @param path       the decoded path, e.g. {@code /metrics}
 * @param parameters the decoded query-string parameters
 * @param headers    request headers, names in lower case (the last value of a repeated header)
 * @param body       the request body, empty for none
 */
public record HttpQuery(String method, String path, Map<String, List<String>> parameters, Map<String, String> headers,
                        byte[] body) {
    public HttpQuery {
        parameters = Map.copyOf(parameters);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A GET of {@code path} without headers or body. */
    public HttpQuery(String path, Map<String, List<String>> parameters) {
        this("GET", path, parameters, Map.of(), new byte[0]);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a query parameter, or {@code fallback}. */
    public String parameter(String name, String fallback) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
