package io.dm4j.proto.message;

/** {@code offline-member --master|--worker --name X}: type is {@code master} or {@code worker}. */
public record OfflineMemberRequest(String type, String name) {
}
