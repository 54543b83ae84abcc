package io.dm4j.proto.message;

/**
 * Answer to a heartbeat. {@code reRegister} asks the worker to register again (the master does not know it, e.g. it
 * was removed by offline-member, or it was declared offline meanwhile).
 */
public record KeepAliveResponse(boolean result, String msg, boolean reRegister) {
}
