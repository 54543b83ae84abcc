package io.dm4j.proto.message;

/** Answer of {@code config}: the stored file text in {@code cfg}. */
public record GetConfigResponse(boolean result, String msg, String cfg) {
}
