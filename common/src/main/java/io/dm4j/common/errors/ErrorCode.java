package io.dm4j.common.errors;

import java.util.Objects;

/**
 * One kind of error a user can see: DM-style numeric code, class, scope, level, a message format
 * ({@link String#format} arguments filled in where it is raised), the default workaround, and whether
 * the task checker may retry (auto-resume) after it.
 *
 * <p>Codes are declared as constants in per-area catalogues ({@link ConfigErrors}, ...); each code number
 * must be unique across all catalogues and lie inside its class's range.
 */
public record ErrorCode(int code, String name, ErrorClass errorClass, ErrorScope scope, ErrorLevel level,
                        String messageFormat, String workaround, boolean retryable) {

    public ErrorCode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(messageFormat, "messageFormat");
        workaround = workaround == null ? "" : workaround;
        if (code / 1000 != errorClass.prefix()) {
            throw new IllegalArgumentException("error code " + code + " (" + name + ") is outside class "
                    + errorClass.label() + " range " + errorClass.prefix() + "xxx");
        }
    }

    /** Builds an exception of this code; {@code args} fill {@link #messageFormat()}. */
    public DmException error(Object... args) {
        return new DmException(this, format(args), null, null);
    }

    /** Like {@link #error(Object...)} with the underlying cause kept as RawCause. */
    public DmException wrap(Throwable cause, Object... args) {
        return new DmException(this, format(args), cause, null);
    }

    String format(Object... args) {
        return args.length == 0 ? messageFormat : String.format(messageFormat, args);
    }
}
