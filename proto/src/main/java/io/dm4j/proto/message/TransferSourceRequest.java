package io.dm4j.proto.message;

/** {@code transfer-source <source-id> <worker-name>}. */
public record TransferSourceRequest(String source, String worker) {
}
