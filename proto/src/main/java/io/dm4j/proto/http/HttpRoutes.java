package io.dm4j.proto.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The HTTP paths served on an RPC port: exact path match, no patterns. */
public final class HttpRoutes {
    private final Map<String, HttpEndpoint> endpoints = new ConcurrentSkipListMap<>();

    /** Adds or replaces the endpoint of {@code path} (which must start with {@code /}). */
    public void register(String path, HttpEndpoint endpoint) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("an HTTP path must start with '/': " + path);
        }
        endpoints.put(path, endpoint);
    }

    /** The endpoint of exactly {@code path}, or null. */
    public HttpEndpoint find(String path) {
        return endpoints.get(path);
    }

    /** Served paths, sorted. */
    public List<String> paths() {
        return List.copyOf(endpoints.keySet());
    }
}
