package io.dm4j.proto.http;

/**
 * Answers GET and HEAD requests for one path on the RPC port. Runs on the server's handler threads, so it may block
 * briefly (e.g. collect a status), but should not take longer than a scrape timeout.
 */
@FunctionalInterface
public interface HttpEndpoint {
    HttpReply handle(HttpQuery query) throws Exception;
}
