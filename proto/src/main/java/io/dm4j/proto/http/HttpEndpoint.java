package io.dm4j.proto.http;

/**
 * Answers requests for one path (or, registered with a trailing {@code /*}, a path prefix) on the RPC port. Runs on
 * the server's handler threads, so it may block briefly (e.g. collect a status), but should not take longer than a
 * scrape timeout.
 */
@FunctionalInterface
public interface HttpEndpoint {
    HttpReply handle(HttpQuery query) throws Exception;

    /** Whether methods other than GET and HEAD reach this endpoint (else they are answered 405). */
    default boolean acceptsWrites() {
        return false;
    }
}
