package io.dm4j.proto.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dm4j.common.errors.DmException;

/** One error of a unit, in DM's query-status form (capitalised keys, as DM prints them). */
public record ProcessError(@JsonProperty("ErrCode") int errCode, @JsonProperty("ErrClass") String errClass,
                           @JsonProperty("ErrScope") String errScope, @JsonProperty("ErrLevel") String errLevel,
                           @JsonProperty("Message") String message, @JsonProperty("RawCause") String rawCause,
                           @JsonProperty("Workaround") String workaround) {

    public static ProcessError of(DmException e) {
        return new ProcessError(e.code().code(), e.code().errorClass().label(), e.code().scope().label(),
                e.code().level().label(), e.detail(), e.rawCause(), e.workaround());
    }
}
