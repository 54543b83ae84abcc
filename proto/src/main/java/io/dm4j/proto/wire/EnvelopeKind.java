package io.dm4j.proto.wire;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What an {@link Envelope} carries. A kind this version does not know reads as {@link #UNKNOWN}. */
public enum EnvelopeKind {
    @JsonProperty("request") REQUEST,
    @JsonProperty("response") RESPONSE,
    @JsonProperty("ping") PING,
    @JsonProperty("pong") PONG,
    @JsonEnumDefaultValue UNKNOWN
}
