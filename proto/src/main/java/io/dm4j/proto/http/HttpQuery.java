package io.dm4j.proto.http;

import java.util.List;
import java.util.Map;

/**
 * A GET (or HEAD) request to an {@link HttpEndpoint}.
 *
 * @param path       the decoded path, e.g. {@code /metrics}
 * @param parameters the decoded query-string parameters
 */
public record HttpQuery(String path, Map<String, List<String>> parameters) {
    public HttpQuery {
        parameters = Map.copyOf(parameters);
    }
}
