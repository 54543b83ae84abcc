package io.dm4j.proto.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@link io.dm4j.common.errors.DmException} as it travels: every field DM prints, plus the code's name and
 * whether it is retryable so the receiving side can rebuild an equivalent error even for codes it does not know.
 * Class, scope and level use DM's labels ({@code functional}, {@code internal}, {@code high}).
 */
public record WireError(int code, String name, @JsonProperty("class") String errorClass, String scope, String level,
                        String message, String rawCause, String workaround, boolean retryable) {
}
