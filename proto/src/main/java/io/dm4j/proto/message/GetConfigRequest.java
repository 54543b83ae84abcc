package io.dm4j.proto.message;

/** {@code config source|task|master|worker <name>}. */
public record GetConfigRequest(String type, String name) {
}
