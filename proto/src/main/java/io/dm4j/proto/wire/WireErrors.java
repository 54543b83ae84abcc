package io.dm4j.proto.wire;

import io.dm4j.common.errors.CommonErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClass;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.errors.ErrorLevel;
import io.dm4j.common.errors.ErrorScope;

import java.util.function.Function;

/** Converts between {@link DmException} and its wire form without losing any field DM prints. */
public final class WireErrors {
    private WireErrors() {
    }

    public static WireError toWire(DmException e) {
        ErrorCode c = e.code();
        return new WireError(c.code(), c.name(), c.errorClass().label(), c.scope().label(), c.level().label(),
                e.detail(), e.rawCause(), e.workaround(), c.retryable());
    }

    /**
     * Rebuilds the sender's exception: the registered constant when its code is known here with the same class,
     * scope and level, else an ad-hoc code made of the transported fields. The raw cause becomes a
     * {@link RemoteCause} so that {@link DmException#rawCause()} prints the same text as on the sender.
     */
    public static DmException fromWire(WireError w) {
        ErrorClass cls = byLabel(ErrorClass.values(), ErrorClass::label, w.errorClass(), ErrorClass.NOT_SET);
        ErrorScope scope = byLabel(ErrorScope.values(), ErrorScope::label, w.scope(), ErrorScope.NOT_SET);
        ErrorLevel level = byLabel(ErrorLevel.values(), ErrorLevel::label, w.level(), ErrorLevel.HIGH);
        ErrorCode code = ErrorCodeRegistry.find(w.code())
                .filter(k -> k.errorClass() == cls && k.scope() == scope && k.level() == level)
                .orElseGet(() -> adHoc(w, cls, scope, level));
        String raw = w.rawCause();
        Throwable cause = raw == null || raw.isEmpty() ? null : new RemoteCause(raw);
        return new DmException(code, w.message(), cause, w.workaround());
    }

    private static ErrorCode adHoc(WireError w, ErrorClass cls, ErrorScope scope, ErrorLevel level) {
        String name = w.name() == null || w.name().isEmpty() ? "ErrRemote" + w.code() : w.name();
        try {
            return new ErrorCode(w.code(), name, cls, scope, level, "%s", w.workaround(), w.retryable());
        } catch (IllegalArgumentException codeOutsideClass) {
            // A peer sent a code that does not fit its class: keep everything it said, under the catch-all code.
            return new ErrorCode(CommonErrors.UNKNOWN.code(), name, ErrorClass.NOT_SET, scope, level, "%s",
                    w.workaround(), w.retryable());
        }
    }

    private static <E> E byLabel(E[] values, Function<E, String> label, String wanted, E fallback) {
        for (E v : values) {
            if (label.apply(v).equals(wanted)) {
                return v;
            }
        }
        return fallback;
    }
}
