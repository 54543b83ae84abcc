package io.dm4j.proto.message;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code sourceStatus} of query-status: the source, the worker serving it, an error of the source itself, and the
 * relay's status (null when relay is off).
 */
public record SourceStatus(String source, String worker, ProcessResult result, JsonNode relayStatus) {
}
