package io.dm4j.proto.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The HTTP paths served on an RPC port: exact paths, and prefixes registered as {@code /prefix/*} (which also match
 * {@code /prefix} itself); an exact path wins over a prefix, a longer prefix over a shorter one.
 */
public final class HttpRoutes {
    private static final String ANY = "/*";

    private final Map<String, HttpEndpoint> endpoints = new ConcurrentSkipListMap<>();
    private final Map<String, HttpEndpoint> prefixes = new ConcurrentSkipListMap<>();

    /** Adds or replaces the endpoint of {@code path} (which must start with {@code /}; a trailing {@code /*} makes it a prefix). */
    public void register(String path, HttpEndpoint endpoint) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("an HTTP path must start with '/': " + path);
        }
        if (path.endsWith(ANY)) {
            prefixes.put(path.substring(0, path.length() - ANY.length()), endpoint);
        } else {
            endpoints.put(path, endpoint);
        }
    }

    /** The endpoint serving {@code path}, or null. */
    public HttpEndpoint find(String path) {
        HttpEndpoint exact = endpoints.get(path);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if ((path.equals(prefix) || path.startsWith(prefix + "/")) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : prefixes.get(best);
    }

    /** Served paths, sorted (prefixes with their trailing {@code /*}). */
    public List<String> paths() {
        var all = new java.util.TreeSet<>(endpoints.keySet());
        prefixes.keySet().forEach(p -> all.add(p + ANY));
        return List.copyOf(all);
    }
}
