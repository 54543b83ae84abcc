package io.dm4j.common.errors;

import java.util.Objects;

/**
 * The one exception family of dm4j. Every error a user can see carries an {@link ErrorCode} and prints
 * in DM's format: {@code [code=36067:class=sync-unit:scope=internal:level=high], Message: ..., RawCause: ...,
 * Workaround: ...}.
 */
public class DmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String detail;
    private final String workaround;

    public DmException(ErrorCode code, String detail, Throwable cause, String workaround) {
        super(detail, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.detail = detail == null ? "" : detail;
        this.workaround = workaround == null || workaround.isEmpty() ? code.workaround() : workaround;
    }

    public ErrorCode code() {
        return code;
    }

    /** The human message without the code header. */
    public String detail() {
        return detail;
    }

    public String workaround() {
        return workaround;
    }

    /** The message of the innermost cause, or "" when there is none (DM's RawCause). */
    public String rawCause() {
        Throwable c = getCause();
        if (c == null) {
            return "";
        }
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

    /** A copy with a different workaround (for call sites that know a more precise way out). */
    public DmException withWorkaround(String newWorkaround) {
        return new DmException(code, detail, getCause(), newWorkaround);
    }

    public boolean retryable() {
        return code.retryable();
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        sb.append("[code=").append(code.code())
                .append(":class=").append(code.errorClass().label())
                .append(":scope=").append(code.scope().label())
                .append(":level=").append(code.level().label())
                .append("], Message: ").append(detail);
        String raw = rawCause();
        if (!raw.isEmpty()) {
            sb.append(", RawCause: ").append(raw);
        }
        if (!workaround.isEmpty()) {
            sb.append(", Workaround: ").append(workaround);
        }
        return sb.toString();
    }
}
